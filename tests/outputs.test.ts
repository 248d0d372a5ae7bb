/**
 * Outputs a hostile page cannot hijack: page text in a public alert issue cannot mention, link or embed; the
 * Atom feed stays well-formed XML whatever a record holds; CSV cells never start a spreadsheet formula.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeSpan } from '../scraper/ci/alerts.ts';
import { cleanText } from '../scraper/evidence/page-text.ts';
import { csvCell } from '../site/pipeline/opendata.ts';
import { atomFeed } from '../site/render/feed.ts';
import { FORMAT } from '../site/render/format.ts';

const HOSTILE =
  'Aucun @octocat [lien](https://x.example) ![img](https://x.example/i.png) ``code`` | a\u0007\u001b[31m\u202Eevil\u202C\nfin';

describe('outputs that cannot be hijacked', () => {
  it('puts page text in an alert as one code span, fenced longer than its backticks, pipes escaped', () => {
    const span = codeSpan(HOSTILE);
    assert.match(span, /^``` .* ```$/);
    assert.ok(!span.includes('\n') && !/[\u0000-\u001f\u202a-\u202e]/.test(span), JSON.stringify(span));
    assert.ok(span.includes('\\|'));
    // Inside the span the mention, the link and the image are text: GitHub renders a code span literally.
    assert.ok(span.includes('@octocat [lien](https://x.example) ![img]'));
    assert.equal(codeSpan(''), '');
  });

  it('cleans control and bidi characters and caps length at the source', () => {
    assert.equal(cleanText(' a\u0000b\u202Ec\u2066d\te\r\nf ', 100), 'a bcd e f');
    assert.equal(cleanText('x'.repeat(500), 10), 'xxxxxxxxx…');
    assert.equal(cleanText('\uD83D', 10), '', 'a lone surrogate is not XML');
  });

  it('keeps the Atom feed free of characters XML forbids, with the hostile text escaped', () => {
    const feed = atomFeed(
      {
        prefecture: 'paris',
        prefectureName: 'Paris <b>',
        motif: 'aes',
        motifLabel: 'AES\u0001',
        platform: 'legacy-booking',
        bookingUrl: 'https://www.example.gouv.fr/booking/create/1',
        captures: [
          {
            id: 'paris/aes/2026-01-01T10-00-00Z',
            capturedAt: '2026-01-01T10:00:00Z',
            paris: Date.parse('2026-01-01T11:00:00Z'),
            outcome: 'no-slot',
            thumbnail: null,
            page: true,
            changed: false,
            deciding: { quote: `<script>${HOSTILE}\u0008\uDC00\uFFFF</script>`, description: null },
          },
        ],
      },
      FORMAT,
    );
    assert.doesNotMatch(feed, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    assert.doesNotMatch(feed, /<script>/);
    assert.match(feed, /&lt;script&gt;Aucun @octocat/);
  });

  it('neutralises CSV cells that a spreadsheet would run as a formula', () => {
    assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    for (const start of ['+', '-', '@', '\t', '\r'])
      assert.ok(csvCell(`${start}1`).replace(/^"/, '').startsWith(`'${start}`));
    assert.equal(csvCell(-1), '-1', 'a number stays a number');
    assert.equal(csvCell('Aucun créneau'), 'Aucun créneau');
  });
});
