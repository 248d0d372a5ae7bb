import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { project } from '../scraper/bench/growth.ts';
import {
  finishedMotif,
  imageRounds,
  median,
  pagesPerHost,
  perMotifMs,
  physicalLimit,
  requiredRetryWaitMs,
} from '../scraper/bench/measure.ts';
import { bytes, judge, seconds, table } from '../scraper/bench/report.ts';
import { chosenSections, QUICK, scaleOf, type Results } from '../scraper/bench/sections.ts';
import { checks, sectionRows } from '../scraper/bench/summary.ts';
import { UsageError } from '../scraper/command-line/usage.ts';

describe('bench measures', () => {
  it('takes the median of odd and even counts', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });

  it('reads which motif a line of the engine finished', () => {
    assert.equal(
      finishedMotif('✓ paris / aes-vpf-charcot : Aucun créneau disponible (no-slot) en 1,0 s → x.png'),
      'paris / aes-vpf-charcot',
    );
    assert.equal(
      finishedMotif('✗ seine-saint-denis / aes-le-raincy : NON CAPTURÉ — délai'),
      'seine-saint-denis / aes-le-raincy',
    );
    assert.equal(finishedMotif('  paris / aes-vpf-charcot : 503 Service Unavailable — nouvel essai dans 1,0 s'), null);
  });

  it('times each motif from the end of the previous one of its site, the first from the run start', () => {
    const ends = new Map([
      ['a1', 1500],
      ['a2', 2500],
      ['b1', 1200],
    ]);
    assert.deepEqual(Object.fromEntries(perMotifMs([['a1', 'a2'], ['b1']], 1000, ends)), {
      a1: 500,
      a2: 1000,
      b1: 200,
    });
    assert.throws(() => perMotifMs([['a1', 'zz']], 1000, ends), /zz/);
  });

  it('counts pages, not the images and favicon loaded beside them', () => {
    const requests = [
      { host: 'a', path: '/booking/create/948', startedAt: 0 },
      { host: 'a', path: '/favicon.ico', startedAt: 1 },
      { host: 'a', path: '/extension/booking/design/standard/images/etape_1.png', startedAt: 2 },
      { host: 'a', path: '/booking/create/948/0', startedAt: 3 },
      { host: 'b', path: '/Prendre-un-rendez-vous', startedAt: 4 },
    ];
    assert.deepEqual(Object.fromEntries(pagesPerHost(requests)), { a: 2, b: 1 });
  });

  it('counts the captured pages’ images six at a time, not those of the pages on the way', () => {
    const images = (host: string, n: number, at: number) =>
      [...Array(n)].map((_, i) => ({ host, path: `/img/etape_${i}.png`, startedAt: at }));
    const requests = [
      { host: 'a', path: '/booking/create/885/1', startedAt: 0 },
      ...images('a', 6, 1),
      { host: 'a', path: '/booking/create/885/2', startedAt: 10 },
      ...images('a', 2, 11),
      { host: 'a', path: '/booking/create/948', startedAt: 20 },
      { host: 'a', path: '/booking/create/948/2', startedAt: 21 },
      { host: 'a', path: '/favicon.ico', startedAt: 22 },
      ...images('a', 9, 22),
      { host: 'b', path: '/booking/create/9829/2', startedAt: 5 },
    ];
    const captured = [
      { host: 'a', path: '/booking/create/885/2', at: 15 },
      { host: 'a', path: '/booking/create/948/2', at: 30 },
      { host: 'b', path: '/booking/create/9829/2', at: 6 },
    ];
    assert.deepEqual(Object.fromEntries(imageRounds(requests, captured)), { a: 1 + 2, b: 0 });
  });

  it('adds the required retry waits, doubled at each retry', () => {
    assert.equal(requiredRetryWaitMs(0, 1000), 0);
    assert.equal(requiredRetryWaitMs(3, 1000), 1000 + 2000 + 4000);
  });

  it('takes the slowest site as the physical limit, sites running side by side, and the captured pages’ image rounds', () => {
    const requests = [...Array(5)]
      .map(() => ({ host: 'a', path: '/p', startedAt: 0 }))
      .concat([...Array(3)].map(() => ({ host: 'b', path: '/q', startedAt: 0 })));
    const limit = physicalLimit(
      requests,
      2000,
      new Map([
        ['a', { imageRounds: 1, retryWaitMs: 0 }],
        ['b', { imageRounds: 1, retryWaitMs: 1000 }],
      ]),
    );
    assert.equal(limit.host, 'a');
    assert.equal(limit.limitMs, (5 + 1) * 2000);
    assert.deepEqual(
      limit.perHost.map((h) => [h.host, h.limitMs]),
      [
        ['a', 12_000],
        ['b', (3 + 1) * 2000 + 1000],
      ],
    );
  });
});

describe('bench growth projection', () => {
  const schedule = { capturesPerDay: 4, budgetBytes: 750e6, pagesLimitBytes: 1e9 };
  const sizes = {
    repositoryBytesPerCapture: 0,
    uniqueImageBytesPerCapture: 3000,
    capturePageBytes: 7000,
    alwaysBytesPerCapture: 100,
    pageExtraBytes: 300,
    listingBytesPerMotif: 0,
    fixedBytes: 0,
  };
  const close = (actual: number, expected: number) =>
    assert.ok(Math.abs(actual - expected) <= 1e-9 * expected, `${actual} ≈ ${expected}`);

  it('projects captures, repository and site linearly over the years while the budget lasts', () => {
    const p = project(
      {
        ...sizes,
        repositoryBytesPerCapture: 1000,
        uniqueImageBytesPerCapture: 100,
        capturePageBytes: 900,
        alwaysBytesPerCapture: 50,
        listingBytesPerMotif: 10_000,
        fixedBytes: 1e6,
      },
      schedule,
      10,
      [1, 10],
    );
    assert.equal(p.capturesPerYear, 10 * 4 * 365.25);
    assert.equal(p.repositoryBytesPerYear, 14_610 * 1000);
    // detail 1,000 o + 50 o for every capture + 300 o beside each page; 10 Ko of listings per motif and 1 Mo of scripts
    assert.deepEqual(
      p.site.map((s) => Math.round(s.budgeted)),
      [14_610 * 1350 + 1.1e6, 146_100 * 1350 + 1.1e6],
    );
    assert.deepEqual(
      p.site.map((s) => s.budgetForLimit),
      [Infinity, Infinity],
    );
    // the budget would last 51 years: the limit comes first
    close(p.yearsToPagesLimit, (1e9 - 1.1e6) / (14_610 * 1350));
  });

  it('caps the detail at the budget, while what every capture publishes keeps growing', () => {
    const p = project(sizes, schedule, 100, [10]);
    const [tenYears] = p.site;
    assert.equal(tenYears!.detail, 1_461_000 * 10_000);
    // 75,000 captures keep their page and images: 750 Mo, + 300 o each beside; 100 o for each of the 1,461,000
    assert.equal(tenYears!.pages, 75_000);
    close(tenYears!.budgeted, 750e6 + 75_000 * 300 + 1_461_000 * 100);
    close(tenYears!.unbudgeted, 1_461_000 * 10_400);
    close(tenYears!.budgetForLimit, (1e9 - 1_461_000 * 100) / 1.03);
    // the budget is spent in 0.51 year (780 Mo), then 14.61 Mo a year
    close(p.yearsToPagesLimit, 75_000 / 146_100 + (1e9 - 780e6) / (146_100 * 100));
  });

  it('says which budget keeps the site under the limit when the default does not', () => {
    const [tenYears] = project(sizes, { ...schedule, budgetBytes: 950e6 }, 100, [10]).site;
    assert.ok(tenYears!.budgeted > 1e9);
    close(tenYears!.budgetForLimit, (1e9 - 1_461_000 * 100) / 1.03);
  });

  it('never reaches the limit when nothing grows', () => {
    const p = project(
      {
        repositoryBytesPerCapture: 0,
        uniqueImageBytesPerCapture: 0,
        capturePageBytes: 0,
        alwaysBytesPerCapture: 0,
        pageExtraBytes: 0,
        listingBytesPerMotif: 0,
        fixedBytes: 0,
      },
      schedule,
      11,
      [1],
    );
    assert.equal(p.yearsToPagesLimit, Infinity);
  });
});

describe('bench report', () => {
  it('says OK when a target is met and INSUFFISANT when short, with the ratio to the limit', () => {
    const ok = judge({ label: 'x', measured: 0.2, limit: 1 / 3, rule: 'at-most', format: String });
    assert.equal(ok.verdict, 'OK');
    assert.ok(Math.abs(ok.ratio! - 0.6) < 1e-9);
    assert.equal(
      judge({ label: 'x', measured: 2048, limit: 2048, rule: 'below', format: String }).verdict,
      'INSUFFISANT',
    );
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
    const lines = table([
      ['a', 'bb'],
      ['ccc', 'd'],
    ]);
    assert.deepEqual(lines, ['a    bb', '───  ──', 'ccc  d']);
  });

  it('chooses sections in the bench order and refuses unknown ones', () => {
    assert.deepEqual(chosenSections(['growth', 'size']), ['size', 'growth']);
    assert.equal(chosenSections([]).length, 7);
    assert.throws(() => chosenSections(['tout']), UsageError);
  });

  it('takes one size for every section from --captures', () => {
    assert.deepEqual(scaleOf(false, '100000'), {
      sizeCaptures: 100_000,
      siteCaptures: [100_000],
      verifyCaptures: 100_000,
    });
    assert.equal(scaleOf(true, undefined), QUICK);
    assert.throws(() => scaleOf(false, '1e3x'), /--captures/);
  });

  it('judges every target, saying why one was not measured', () => {
    const tally = (files: number, bytes: number) => ({ files, bytes });
    const siteBench = {
      ms: 900,
      peakRssMb: 150,
      pages: 1020,
      motifs: 3,
      bytes: { total: 8e6, budgeted: 7e6, months: 3e5, listings: 2e5, data: 1e5, assets: 4e5 },
      budget: {
        limitBytes: 750e6,
        published: { page: tally(1000, 7e6), image: tally(6, 5e4), thumbnail: tally(6, 7e3) },
        leftOut: {
          page: { files: 0, from: null },
          image: { files: 0, from: null },
          thumbnail: { files: 0, from: null },
        },
      },
    };
    const results: Results = {
      capture: {
        ok: true,
        ms: 1,
        load: 0.5,
        figures: {
          motifs: 11,
          ratio: 0.2,
          engine: { totalMs: 1, medianMs: 1000, perMotifMs: {}, captured: 11 },
          naive: { totalMs: 1, medianMs: 5000, perMotifMs: {}, captured: 11 },
        },
      },
      slow: { ok: false, ms: 1, load: 0.5, reason: 'Chromium absent' },
      site: { ok: true, ms: 1, load: 0.5, figures: [{ captures: 1000, ok: true, figures: siteBench }] },
    };
    const verdicts = checks(results, { growthPerRepeatedNoSlot: 2048, pagesBytes: 1e9 });
    assert.equal(verdicts[0]!.verdict, 'OK');
    assert.equal(verdicts[1]!.verdict, 'non mesuré');
    assert.equal(verdicts[1]!.note, 'Chromium absent');
    assert.equal(verdicts[2]!.note, 'section non lancée');
    assert.equal(verdicts[2]!.target, '< 2,0 Ko');
    assert.match(verdicts.at(-1)!.note!, /taille non construite \(1.000 captures seulement\)/);
    assert.deepEqual(
      sectionRows(results).map((s) => s.rows.length),
      [3, 1, 1],
    );
  });

  it('says whether the site stays under the Pages limit after 10 years at 100 motifs, and else which budget would', () => {
    const sizes = {
      repositoryBytesPerCapture: 0,
      uniqueImageBytesPerCapture: 3000,
      capturePageBytes: 7000,
      alwaysBytesPerCapture: 100,
      pageExtraBytes: 300,
      listingBytesPerMotif: 0,
      fixedBytes: 0,
    };
    const growth = (budgetBytes: number): Results => {
      const schedule = { capturesPerDay: 4, budgetBytes, pagesLimitBytes: 1e9 };
      const projections = [11, 100].map((motifs) => project(sizes, schedule, motifs, [1, 5, 10]));
      return {
        growth: {
          ok: true,
          ms: 1,
          load: 0.5,
          figures: { sizes, schedule, sources: { repository: '', images: '', site: '' }, projections },
        },
      };
    };
    const verdict = (results: Results) =>
      checks(results, { growthPerRepeatedNoSlot: 2048, pagesBytes: 1e9 }).find((c) =>
        c.label.startsWith('Site Pages après 10 ans'),
      )!;
    const rows = (results: Results) => sectionRows(results)[0]!.rows;
    assert.equal(verdict(growth(750e6)).verdict, 'OK');
    assert.match(
      rows(growth(750e6)).find(([label]) => label === '100 motifs : site Pages après 10 ans')![1],
      /^918,6 Mo avec le budget \(75.000 captures sur 1.461.000 avec leur page\), 15,19 Go sans — sous 1,00 Go$/,
    );
    assert.equal(verdict(growth(950e6)).verdict, 'INSUFFISANT');
    assert.match(
      rows(growth(950e6)).find(([label]) => label === '100 motifs : site Pages après 10 ans')![1],
      /AU-DELÀ de 1,00 Go : budget de 829,0 Mo au plus$/,
    );
  });
});
