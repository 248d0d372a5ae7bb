/**
 * `npm run demo`, the README's first command, end to end: the replica, the real browser, the archive, the
 * site built from it and the stamped exhibits, as a person runs it.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { OUTCOMES } from '../scraper/outcome/outcomes.ts';
import { outputFile, paths } from '../site/model/urls.ts';
import { escapeHtml } from '../site/render/html.ts';
import { runCli, tempDir, type CliResult } from './helpers.ts';

async function files(dir: string, ext: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true });
  return all.filter((f) => f.endsWith(ext) && !f.startsWith('manifests'));
}

/** Back from HTML to text: the entities `escapeHtml` writes. */
const unescape = (html: string) =>
  html.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!,
  );

/** Compared as a reader compares a quotation with the page: white space and Unicode composition aside. */
const flat = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Every quotation of a page or feed: the content of each `<q>` and each « … », alt texts included. */
function quotations(html: string): string[] {
  const q = [...html.matchAll(/<q>([^<]*)<\/q>/g)].map((m) => m[1]!);
  const guillemets = [...html.matchAll(/«([^«»]*)»/g)].map((m) => m[1]!);
  return [...q, ...guillemets].map((t) => flat(unescape(t)));
}

describe('npm run demo', () => {
  let dir: string;
  let result: CliResult;
  before(async () => {
    dir = await tempDir('stp-demo-');
    result = await runCli(
      ['demo', '--archive', join(dir, 'archive'), '--site', join(dir, 'site'), '--exhibits', join(dir, 'pieces')],
      { STP_IP_ECHO_URL: 'off' },
    );
  });

  it('captures every seed motif on the replica, with each outcome shown once at least', async () => {
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /11 motif\(s\) : 11 capturé\(s\)\./);
    const records = await Promise.all(
      (await files(join(dir, 'archive'), '.json')).map(async (f) =>
        JSON.parse(await readFile(join(dir, 'archive', f), 'utf8')),
      ),
    );
    assert.equal(records.length, 11);
    assert.deepEqual(new Set(records.map((r) => r.outcome)), new Set(OUTCOMES));
    assert.equal(records.filter((r) => r.outcome === 'site-error')[0].retries.length, 2);
  });

  it('builds the site from the archive and says how to browse it', async () => {
    assert.match(result.stdout, /Site construit dans .* : 11 captures \(11 démarches, 2 préfectures\)/);
    assert.match(result.stdout, /npm run site:serve -- --archive .* --out .*, puis http:\/\/localhost:8080\//);
    const home = await readFile(join(dir, 'site', 'index.html'), 'utf8');
    assert.ok(home.includes('Préfecture de police de Paris') && home.includes('Seine-Saint-Denis'));
    const motif = await readFile(join(dir, 'site', paths.motif('paris', 'aes-vpf-charcot'), 'index.html'), 'utf8');
    assert.match(motif, /<form class="dossier-form" data-dossier /);
  });

  it('quotes only what was on the page: every quotation of a capture page, its image alt text and the feed', async () => {
    const records: EvidenceRecord[] = await Promise.all(
      (await files(join(dir, 'archive'), '.json')).map(async (f) =>
        JSON.parse(await readFile(join(dir, 'archive', f), 'utf8')),
      ),
    );
    let checked = 0;
    for (const record of records) {
      const folder = join(dir, 'archive', record.id.split('/').slice(0, 2).join('/'), record.capturedAt.slice(0, 4));
      const textFile = (await readdir(folder, { recursive: true })).find((f) => f.endsWith(record.text!))!;
      const pageText = flat(await readFile(join(folder, textFile), 'utf8'));
      // Names given in the target file (« Titre de séjour « étudiant » ») are names, not quotations of the page.
      const page = (await readFile(join(dir, 'site', outputFile(paths.capture(record.id))), 'utf8')).replaceAll(
        escapeHtml(record.motifLabel),
        '',
      );
      const feed = await readFile(join(dir, 'site', paths.feed(record.prefecture, record.motif)), 'utf8');
      const entry = feed.slice(feed.indexOf(`urn:screen-ta-prefecture:${record.id}<`), feed.indexOf('</entry>'));
      const said = `${record.id} (${record.evidence.rule})`;
      for (const quote of [...quotations(page), ...quotations(entry)]) {
        assert.ok(pageText.includes(quote), `${said}: « ${quote} » is not in the page text`);
        checked++;
      }
      // The deciding text is quoted when the page had it, and the tool's account is never dressed as a quotation.
      const { quote, description } = record.evidence;
      assert.ok(description && !pageText.includes(flat(description)), `${said}: ${description}`);
      if (quote) assert.ok(page.includes(`<q>${escapeHtml(quote)}</q>`), said);
      if (quote) assert.ok(entry.includes('Texte relevé sur la page'), said);
    }
    assert.ok(records.filter((r) => r.evidence.quote).length >= 5, 'most outcomes are decided by a sentence');
    assert.ok(checked >= records.length, `${checked} quotations checked`);
  });

  it('writes one stamped exhibit per outcome, the page image with the banner below it', async () => {
    const written = (await readdir(join(dir, 'pieces'))).sort();
    assert.deepEqual(written, OUTCOMES.map((o) => `${o}.png`).sort());
    const record = JSON.parse(
      await readFile(
        join(
          dir,
          'archive',
          (await files(join(dir, 'archive'), '.json')).find((f) => f.includes('raisons-medicales-truffaut'))!,
        ),
        'utf8',
      ),
    );
    const exhibit = await sharp(join(dir, 'pieces', 'blocked.png')).metadata();
    assert.equal(exhibit.width, record.imageSize.width);
    assert.ok(
      exhibit.height! > record.imageSize.height + 150,
      `banner too short: ${exhibit.height} for a page of ${record.imageSize.height}`,
    );
  });
});
