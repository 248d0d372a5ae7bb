import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { project } from '../scraper/bench/growth.ts';
import { finishedMotif, median, pagesPerHost, perMotifMs, physicalLimit, requiredRetryWaitMs } from '../scraper/bench/measure.ts';
import { bytes, judge, seconds, table } from '../scraper/bench/report.ts';
import { chosenSections, QUICK, scaleOf, type Results } from '../scraper/bench/sections.ts';
import { checks, sectionRows } from '../scraper/bench/summary.ts';
import { UsageError } from '../scraper/commands/usage.ts';

describe('bench measures', () => {
  it('takes the median of odd and even counts', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });

  it('reads which motif a line of the engine finished', () => {
    assert.equal(finishedMotif('✓ paris / aes-vpf-charcot : Aucun créneau disponible (no-slot) en 1,0 s → x.png'), 'paris / aes-vpf-charcot');
    assert.equal(finishedMotif('✗ seine-saint-denis / aes-le-raincy : NON CAPTURÉ — délai'), 'seine-saint-denis / aes-le-raincy');
    assert.equal(finishedMotif('  paris / aes-vpf-charcot : 503 Service Unavailable — nouvel essai dans 1,0 s'), null);
  });

  it('times each motif from the end of the previous one of its site, the first from the run start', () => {
    const ends = new Map([['a1', 1500], ['a2', 2500], ['b1', 1200]]);
    assert.deepEqual(Object.fromEntries(perMotifMs([['a1', 'a2'], ['b1']], 1000, ends)), { a1: 500, a2: 1000, b1: 200 });
    assert.throws(() => perMotifMs([['a1', 'zz']], 1000, ends), /zz/);
  });

  it('counts pages, not the images and favicon loaded beside them', () => {
    const requests = [
      { host: 'a', path: '/booking/create/948' },
      { host: 'a', path: '/favicon.ico' },
      { host: 'a', path: '/extension/booking/design/standard/images/etape_1.png' },
      { host: 'a', path: '/booking/create/948/0' },
      { host: 'b', path: '/Prendre-un-rendez-vous' },
    ];
    assert.deepEqual(Object.fromEntries(pagesPerHost(requests)), { a: 2, b: 1 });
  });

  it('adds the required retry waits, doubled at each retry', () => {
    assert.equal(requiredRetryWaitMs(0, 1000), 0);
    assert.equal(requiredRetryWaitMs(3, 1000), 1000 + 2000 + 4000);
  });

  it('takes the slowest site as the physical limit, sites running side by side', () => {
    const requests = [...Array(5)].map(() => ({ host: 'a', path: '/p' })).concat([...Array(3)].map(() => ({ host: 'b', path: '/q' })));
    const limit = physicalLimit(requests, 2000, new Map([['b', 5000]]));
    assert.equal(limit.host, 'b');
    assert.equal(limit.limitMs, 3 * 2000 + 5000);
    assert.deepEqual(limit.perHost.map((h) => [h.host, h.limitMs]), [['a', 10_000], ['b', 11_000]]);
  });
});

describe('bench growth projection', () => {
  const schedule = { capturesPerDay: 4, imageBudgetBytes: 900e6, pagesLimitBytes: 1e9 };

  it('projects captures, repository and site linearly over the years', () => {
    const p = project({ repositoryBytesPerCapture: 1000, uniqueImageBytesPerCapture: 100, siteBytesPerCapture: 10 }, schedule, 10, [1, 10]);
    assert.equal(p.capturesPerYear, 10 * 4 * 365.25);
    assert.equal(p.repositoryBytesPerYear, 14_610 * 1000);
    assert.deepEqual(p.site.map((s) => Math.round(s.unbudgeted)), [14_610 * 110, 146_100 * 110]);
    // the budget is spent after 616 years, then pages alone fill the last 100 Mo
    assert.equal(p.yearsToPagesLimit, 100e6 / (14_610 * 10));
    const small = project({ repositoryBytesPerCapture: 0, uniqueImageBytesPerCapture: 100, siteBytesPerCapture: 10 }, { ...schedule, imageBudgetBytes: 2e9 }, 10, [1]);
    assert.equal(small.yearsToPagesLimit, 1e9 / (14_610 * 110));
  });

  it('caps images at the budget, while capture pages keep growing', () => {
    const p = project({ repositoryBytesPerCapture: 0, uniqueImageBytesPerCapture: 10_000, siteBytesPerCapture: 1000 }, schedule, 100, [10]);
    const [tenYears] = p.site;
    assert.equal(tenYears!.images, 1_461_000 * 10_000);
    assert.equal(tenYears!.budgeted, 900e6 + 1_461_000 * 1000);
    // images fill the budget within the first year; the last 100 Mo then go to pages, at 146.1 Mo a year
    assert.equal(p.yearsToPagesLimit, 100e6 / 146_100_000);
  });

  it('never reaches the limit when nothing grows', () => {
    const p = project({ repositoryBytesPerCapture: 0, uniqueImageBytesPerCapture: 0, siteBytesPerCapture: 0 }, schedule, 11, [1]);
    assert.equal(p.yearsToPagesLimit, Infinity);
  });
});

describe('bench report', () => {
  it('says OK when a target is met and INSUFFISANT when short, with the ratio to the limit', () => {
    const ok = judge({ label: 'x', measured: 0.2, limit: 1 / 3, rule: 'at-most', format: String });
    assert.equal(ok.verdict, 'OK');
    assert.ok(Math.abs(ok.ratio! - 0.6) < 1e-9);
    assert.equal(judge({ label: 'x', measured: 2048, limit: 2048, rule: 'below', format: String }).verdict, 'INSUFFISANT');
    assert.equal(judge({ label: 'x', measured: 401, limit: 400, rule: 'above', format: String }).verdict, 'OK');
    assert.equal(judge({ label: 'x', measured: NaN, limit: 1, rule: 'below', format: String }).verdict, 'non mesuré');
  });

  it('writes French units', () => {
    assert.equal(bytes(950_000), '950,0 Ko');
    assert.equal(bytes(1_460_000_000), '1,46 Go');
    assert.equal(seconds(1234), '1,23 s');
    assert.equal(seconds(61_000), '61,0 s');
  });

  it('pads columns to their widest cell', () => {
    const lines = table([['a', 'bb'], ['ccc', 'd']]);
    assert.deepEqual(lines, ['a    bb', '───  ──', 'ccc  d']);
  });

  it('chooses sections in the bench order and refuses unknown ones', () => {
    assert.deepEqual(chosenSections(['growth', 'size']), ['size', 'growth']);
    assert.equal(chosenSections([]).length, 7);
    assert.throws(() => chosenSections(['tout']), UsageError);
  });

  it('takes one size for every section from --captures', () => {
    assert.deepEqual(scaleOf(false, '100000'), { sizeCaptures: 100_000, siteCaptures: [100_000], verifyCaptures: 100_000 });
    assert.equal(scaleOf(true, undefined), QUICK);
    assert.throws(() => scaleOf(false, '1e3x'), /--captures/);
  });

  it('judges every target, saying why one was not measured', () => {
    const results: Results = {
      capture: { ok: true, ms: 1, load: 0.5, figures: { motifs: 11, ratio: 0.2, engine: { totalMs: 1, medianMs: 1000, perMotifMs: {}, captured: 11 }, naive: { totalMs: 1, medianMs: 5000, perMotifMs: {}, captured: 11 } } },
      slow: { ok: false, ms: 1, load: 0.5, reason: 'Chromium absent' },
      site: { ok: true, ms: 1, load: 0.5, figures: [{ captures: 1000, ok: true, figures: { ms: 900, peakRssMb: 150, pages: 1020, bytes: 8e6 } }] },
    };
    const verdicts = checks(results, { growthPerRepeatedNoSlot: 2048, pagesBytes: 1e9 });
    assert.equal(verdicts[0]!.verdict, 'OK');
    assert.equal(verdicts[1]!.verdict, 'non mesuré');
    assert.equal(verdicts[1]!.note, 'Chromium absent');
    assert.equal(verdicts[2]!.note, 'section non lancée');
    assert.equal(verdicts[2]!.target, '< 2,0 Ko');
    assert.match(verdicts.at(-1)!.note!, /taille non construite \(1.000 captures seulement\)/);
    assert.deepEqual(sectionRows(results).map((s) => s.rows.length), [3, 1, 1]);
  });
});
