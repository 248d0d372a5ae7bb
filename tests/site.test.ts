/**
 * The public site, built from generated archives into temp folders: pages and links, counts and
 * statistics against figures computed here from the records, escaping of hostile records, the open data,
 * the size budget, bad records, and the command line.
 */
import assert from 'node:assert/strict';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readdir, readFile, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { captureFiles } from '../scraper/archive/paths.ts';
import { sha256Hex } from '../scraper/evidence/images.ts';
import { bannerLines } from '../scraper/evidence/banner.ts';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { parisTime, utcDateTime } from '../scraper/evidence/time.ts';
import { OUTCOME_LABELS, SITE_OUTCOMES, type Outcome, type SiteOutcome } from '../scraper/outcome/outcomes.ts';
import { dossierIndexPath } from '../scraper/dossier/site-records.ts';
import { benchSite } from '../scraper/bench/site.ts';
import { BadArchiveError, buildSite, type SiteReport } from '../site/build-site.ts';
import { summarize } from '../site/command.ts';
import { SizeBudget } from '../site/pipeline/budget.ts';
import { OLDER_LINK_MAX_BYTES } from '../site/pipeline/capture-pages.ts';
import { checkRecord } from '../site/pipeline/check.ts';
import { FEED_SIZE } from '../site/pipeline/collect.ts';
import { DATA_FILES } from '../site/model/opendata.ts';
import { CAPTURE_FIELDS, MOTIF_FIELDS } from '../site/pipeline/opendata.ts';
import { byPeriod, dayHourGrid, mergeTallies, slotStreak, STATUS_KIND, tally, weekKey } from '../site/model/stats.ts';
import { olderLink } from '../site/render/capture.ts';
import { parisClock } from '../scraper/evidence/time.ts';
import { dateTime, dayTick } from '../site/render/dates.ts';
import { escapeHtml, html } from '../site/render/html.ts';
import { count, percent, plural, seconds } from '../site/render/numbers.ts';
import { dayOfMonth, frenchSpaces } from '../scraper/evidence/french.ts';
import { statusOf } from '../site/render/status.ts';
import { pageTitle } from '../site/render/layout.ts';
import { linksFrom, outputFile, paths } from '../site/model/urls.ts';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { addHostileRecord, HOSTILE, writeListedRecord } from './fixtures/hostile.ts';
import { siteOptions as options } from './fixtures/site-options.ts';
import { ROOT, scratchFolders } from './helpers.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Temp folders of this file, removed at the end (sites of a few hundred pages each). */
const folder = scratchFolders();

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** Every relative `href`/`src` of the built site's pages and feeds that points to no file. */
async function brokenLinks(out: string): Promise<{ links: number; broken: string[] }> {
  const broken: string[] = [];
  let links = 0;
  for (const file of (await files(out)).filter((f) => f.endsWith('.html') || f.endsWith('.xml'))) {
    const text = await readFile(join(out, file), 'utf8');
    for (const [, target] of text.matchAll(/(?:href|src)="([^"]*)"/g)) {
      if (/^(https?:|#|mailto:)/.test(target!)) continue;
      const path = decodeURIComponent(new URL(target!, `file:///site/${file}`).pathname.slice('/site/'.length));
      if (!existsSync(join(out, path.endsWith('/') || path === '' ? `${path}index.html` : path)))
        broken.push(`${file} → ${target}`);
      links++;
    }
  }
  return { links, broken };
}

/** A compressed open data file, as `gunzip` gives it. */
const gunzipped = async (path: string) => gunzipSync(await readFile(path)).toString('utf8');

/** The Paris month of an instant, by Intl rather than by the site's own code. */
function parisMonth(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(new Date(iso));
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

const newestFirst = (records: EvidenceRecord[]) =>
  [...records].sort((a, b) => b.capturedAt.localeCompare(a.capturedAt));

describe('site pieces', () => {
  it('makes the shortest relative links between site paths', () => {
    const from = linksFrom('paris/aes/2026-01-05T06-00-00Z.html');
    assert.equal(from('paris/aes/2026-01-06T06-00-00Z.html'), '2026-01-06T06-00-00Z.html');
    assert.equal(from('paris/aes/'), './');
    assert.equal(from('paris/aes/2026-01/'), '2026-01/');
    assert.equal(from('img/abc.png'), '../../img/abc.png');
    assert.equal(from(''), '../../');
    assert.equal(linksFrom('')('paris/'), 'paris/');
    assert.equal(linksFrom('')(''), './');
    assert.equal(linksFrom('paris/aes/2026-01/')('paris/aes/2026-02/'), '../2026-02/');
  });

  it('escapes every interpolated value unless it is markup made by the html tag', () => {
    const hostile = '<script>alert("x")</script> & \'';
    assert.equal(escapeHtml(hostile), '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;');
    assert.equal(
      html`<p title="${hostile}">${[hostile, html`<b>${hostile}</b>`]}</p>`.text,
      `<p title="${escapeHtml(hostile)}">${escapeHtml(hostile)}<b>${escapeHtml(hostile)}</b></p>`,
    );
  });

  it('gives Paris times as dayjs’s timezone plugin does, around every change of offset', () => {
    const instants: string[] = [];
    for (const change of [
      '2025-10-26T01:00:00Z',
      '2026-03-29T01:00:00Z',
      '2026-10-25T01:00:00Z',
      '2027-03-28T01:00:00Z',
    ]) {
      for (let minutes = -26 * 60; minutes <= 26 * 60; minutes += 17)
        instants.push(new Date(Date.parse(change) + minutes * 60_000 + 1234).toISOString());
    }
    for (const iso of instants) {
      assert.equal(
        parisTime(iso).format('YYYY-MM-DD HH:mm:ss Z dddd'),
        dayjs(iso).tz('Europe/Paris').locale('fr').format('YYYY-MM-DD HH:mm:ss Z dddd'),
        iso,
      );
      assert.equal(
        parisClock(iso).toISOString().slice(0, 19),
        dayjs(iso).tz('Europe/Paris').format('YYYY-MM-DDTHH:mm:ss'),
        iso,
      );
    }
  });

  it('counts weeks from Monday and hours in Paris time, across the change to summer time', () => {
    const at = (iso: string) => ({ capturedAt: iso, paris: parisClock(iso).getTime(), outcome: 'no-slot' as const });
    assert.equal(
      weekKey(at('2026-03-29T21:30:00Z').paris),
      '2026-03-23',
      'Sunday 23:30 in Paris belongs to the week of Monday 23',
    );
    assert.equal(weekKey(at('2026-03-29T22:30:00Z').paris), '2026-03-30', 'Monday 00:30 in Paris starts the next week');
    const grid = dayHourGrid(tally([at('2026-03-29T00:30:00Z'), at('2026-03-29T01:30:00Z')]));
    assert.equal(grid[6]![1], 1, '00:30 UTC is 01:30 in Paris, before the change');
    assert.equal(grid[6]![3], 1, '01:30 UTC is 03:30 in Paris, after the change');
    const months = byPeriod(tally([at('2026-01-31T23:30:00Z'), at('2026-01-31T22:30:00Z')]), 'month');
    assert.deepEqual(
      months.map((m) => [m.key, m.total]),
      [
        ['2026-01', 1],
        ['2026-02', 1],
      ],
    );
    // A préfecture's statistics: its motifs' tallies added day by day.
    const merged = mergeTallies([
      tally([at('2026-01-31T22:30:00Z')]),
      tally([at('2026-01-31T23:30:00Z'), at('2026-02-01T08:00:00Z')]),
    ]);
    assert.deepEqual(
      byPeriod(merged, 'month').map((m) => [m.key, m.total, m.counts['no-slot']]),
      [
        ['2026-01', 1, 1],
        ['2026-02', 2, 2],
      ],
    );
    assert.deepEqual([merged.attempts, merged.first, merged.last], [3, '2026-01-31T22:30:00Z', '2026-02-01T08:00:00Z']);
  });

  it('says in one sentence what the latest attempts saw, for every outcome and for 0, 1 and many attempts', () => {
    const at = (outcome: SiteOutcome, hoursAgo: number, nextAvailability?: string) => {
      const capturedAt = new Date(Date.parse('2026-03-01T09:14:00Z') - hoursAgo * 3_600_000).toISOString();
      return { capturedAt, paris: parisClock(capturedAt).getTime(), outcome, nextAvailability };
    };
    /** `n` attempts of `outcome`, newest first, every 12 hours, then what came before. */
    const run = (
      outcome: SiteOutcome,
      n: number,
      before: SiteOutcome[] = [outcome === 'no-slot' ? 'slot-available' : 'no-slot'],
    ) => [...Array.from({ length: n }, (_, i) => at(outcome, 12 * i)), ...before.map((o, i) => at(o, 12 * (n + i)))];
    const say = (attempts: ReturnType<typeof run>) => statusOf(attempts).sentence.replace(/[\u00a0\u202f]/g, '·');
    assert.deepEqual(statusOf([]), { kind: 'none', sentence: 'Aucune tentative pour l’instant' });
    const expected: Record<SiteOutcome, [one: string, many: string]> = {
      'no-slot': [
        'Aucun créneau à la dernière tentative, le 1er mars 2026 à 10:14',
        'Aucun créneau aux 12 dernières tentatives (depuis le 23 février 2026)',
      ],
      'slot-available': [
        'Créneau vu le 1er mars 2026 à 10:14',
        'Créneaux vus aux 12 dernières tentatives (depuis le 23 février 2026)',
      ],
      captcha: [
        'Page des créneaux non atteinte à la dernière tentative, le 1er mars 2026 à 10:14·: captcha',
        'Page des créneaux non atteinte aux 12 dernières tentatives (depuis le 23 février 2026)·: captcha',
      ],
      'site-error': [
        'Page des créneaux non atteinte à la dernière tentative, le 1er mars 2026 à 10:14·: erreur du site',
        'Page des créneaux non atteinte aux 12 dernières tentatives (depuis le 23 février 2026)·: erreur du site',
      ],
      blocked: [
        'Page des créneaux non atteinte à la dernière tentative, le 1er mars 2026 à 10:14·: accès bloqué',
        'Page des créneaux non atteinte aux 12 dernières tentatives (depuis le 23 février 2026)·: accès bloqué',
      ],
      unrecognized: [
        'Page non reconnue à la dernière tentative, le 1er mars 2026 à 10:14·: le site a peut-être changé',
        'Pages non reconnues aux 12 dernières tentatives (depuis le 23 février 2026)·: le site a peut-être changé',
      ],
    };
    for (const outcome of SITE_OUTCOMES) {
      const [one, many] = expected[outcome];
      assert.equal(say(run(outcome, 1)), one, outcome);
      assert.equal(say(run(outcome, 12)), many, outcome);
      // A run that goes back to the first capture says so; one that ends on another kind of outcome stops there.
      assert.equal(say(run(outcome, 12, [])), many.replace('depuis le', 'depuis la première, le'), outcome);
      const other = outcome === 'no-slot' ? 'captcha' : 'no-slot';
      assert.equal(say([...run(outcome, 1, []), ...run(other, 3, [])]), one, outcome);
      for (const n of [1, 12]) {
        const { kind, sentence } = statusOf(run(outcome, n));
        assert.equal(/aucun créneau/i.test(sentence), outcome === 'no-slot', `${outcome} × ${n}: ${sentence}`);
        assert.equal(kind, STATUS_KIND[outcome]);
        assert.doesNotMatch(sentence, /\(s\)| 1 dernière| [:;?!%]/, sentence);
      }
    }
    // Several reasons to stop before the slot page: all named, the most frequent first.
    assert.match(
      say([at('captcha', 0), at('site-error', 12), at('captcha', 24), at('blocked', 36), at('no-slot', 48)]),
      /aux 4 dernières tentatives .*·: captcha, erreur du site, accès bloqué$/,
    );
    // The slot page's own announcement, when the record has it.
    assert.equal(
      say([at('slot-available', 0, '2027-01-12'), at('no-slot', 12)]),
      'Créneau vu le 1er mars 2026 à 10:14 — prochaine disponibilité annoncée le 12 janvier 2027',
    );
  });

  it('writes French: plurals, « 1er », no-break spaces before » : ; ? ! % and after «, never in addresses', () => {
    assert.equal(plural(0, 'capture', 'captures'), '0 capture');
    assert.equal(plural(1, 'semaine distincte', 'semaines distinctes'), '1 semaine distincte');
    assert.equal(plural(1234, 'capture', 'captures'), '1\u202f234 captures');
    assert.deepEqual([1, 2, 31].map(dayOfMonth), ['1er', '2', '31']);
    assert.equal(dayTick('2026-03-01'), '1er mars');
    assert.equal(
      frenchSpaces('« aucun créneau » : vraiment ? oui ; 87 % ! https://x.fr/?a=1&b=2 :'),
      '«\u00a0aucun créneau\u00a0»\u00a0: vraiment\u202f? oui\u202f; 87\u202f%\u202f! https://x.fr/?a=1&b=2\u00a0:',
    );
    assert.equal(frenchSpaces('a:b?c'), 'a:b?c');
    assert.equal(percent(87, 100), '87\u202f%');
    // The site's own words are typeset; a record's text is shown as it was read.
    assert.equal(html`<p>Résultat : ${'texte ? lu'}</p>`.text, '<p>Résultat\u00a0: texte ? lu</p>');
  });

  it('keeps page titles within 70 characters, cut at a word, the full label staying in the page', () => {
    assert.equal(pageTitle('Accueil'), 'Accueil — Screen ta préfecture');
    const long =
      'Demande d’admission exceptionnelle au séjour au titre de la situation personnelle et familiale (CRE Charcot)';
    const cut = pageTitle(long);
    assert.ok(cut.length <= 70 && cut.endsWith('…') && long.startsWith(`${cut.slice(0, -1)} `), cut);
    assert.equal(
      pageTitle('Aucun créneau, mercredi 30 septembre 2026 à 05:39'),
      'Aucun créneau, mercredi 30 septembre 2026 à 05:39',
    );
  });

  it('counts the latest attempts without a slot, whatever else they found', () => {
    const entry = (outcome: SiteOutcome, day: number) => ({
      capturedAt: `2026-02-${String(day).padStart(2, '0')}T10:00:00Z`,
      paris: 0,
      outcome,
    });
    const streak = slotStreak([
      entry('no-slot', 9),
      entry('site-error', 8),
      entry('no-slot', 7),
      entry('slot-available', 6),
      entry('no-slot', 5),
    ]);
    assert.deepEqual(streak, {
      attempts: 3,
      noSlot: 2,
      since: '2026-02-07T10:00:00Z',
      whole: false,
      lastSlotAt: '2026-02-06T10:00:00Z',
    });
    assert.equal(slotStreak([entry('slot-available', 9)]).attempts, 0);
    assert.equal(slotStreak([entry('no-slot', 9)]).whole, true);
  });

  it('spends one budget on pages and images, newest first, until something does not fit, then publishes nothing older', () => {
    const budget = new SizeBudget(100);
    assert.deepEqual(
      budget.admitShared('image', 'image:a', '2026-03-04T00:00:00Z', () => 30),
      { published: true, isNew: true },
    );
    assert.equal(
      budget.admit('page', '2026-03-04T00:00:00Z', () => 50),
      true,
    );
    assert.equal(
      budget.admit('page', '2026-03-03T00:00:00Z', () => 30),
      false,
    );
    assert.equal(budget.full, true);
    assert.deepEqual(
      budget.admitShared('thumbnail', 'thumbnail:b', '2026-03-02T00:00:00Z', () =>
        assert.fail('no size asked once full'),
      ),
      { published: false, isNew: true },
    );
    assert.equal(
      budget.admit('page', '2026-03-01T00:00:00Z', () => assert.fail('an older page is not even rendered')),
      false,
      'an older page that would fit is left out too',
    );
    assert.deepEqual(
      budget.admitShared('image', 'image:a', '2026-02-01T00:00:00Z', () => assert.fail('size asked twice')),
      { published: true, isNew: false },
      'a content already published stays published',
    );
    budget.release('page', 8);
    assert.deepEqual(budget.summary, {
      limitBytes: 100,
      published: { page: { files: 1, bytes: 42 }, image: { files: 1, bytes: 30 }, thumbnail: { files: 0, bytes: 0 } },
      leftOut: {
        page: { files: 2, from: '2026-03-03T00:00:00Z' },
        image: { files: 0, from: null },
        thumbnail: { files: 1, from: '2026-03-02T00:00:00Z' },
      },
    });
  });

  it('reserves enough room on a capture page for the link to its older neighbour, whatever its date', () => {
    const record = { id: 'paris/aes/2026-01-05T06-00-00Z', prefecture: 'paris', motif: 'aes' };
    for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2030, 0, 1); day += 86_400_000 * 3 + 3_600_000) {
      const capturedAt = new Date(day).toISOString();
      for (const page of [true, false]) {
        assert.ok(
          Buffer.byteLength(
            olderLink(record, {
              id: `paris/aes/${capturedAt.slice(0, 10)}T${capturedAt.slice(11, 19).replaceAll(':', '-')}Z`,
              capturedAt,
              page,
            }),
          ) <= OLDER_LINK_MAX_BYTES,
          capturedAt,
        );
      }
    }
  });

  it('refuses records that are invalid, misplaced or without their files, naming the field', async () => {
    const dir = await folder('stp-site-check-');
    const [record] = await generateArchive(dir, { captures: 1, manifest: false });
    const files = captureFiles(record!);
    const siblings = new Set([record!.image, record!.thumbnail]);
    assert.equal(checkRecord({ path: files.record, text: JSON.stringify(record), siblings }).record?.id, record!.id);
    const cases: [string, unknown, RegExp, string?, Set<string>?][] = [
      ['not JSON', undefined, /JSON illisible/],
      ['a missing field', { ...record, outcome: undefined }, /^outcome : /],
      ['a wrong id', { ...record, id: 'paris/autre/2026-01-05T06-00-00Z' }, /^id : /],
      [
        'a record stored elsewhere',
        record,
        /^capturedAt : .*devrait être rangée sous/,
        'paris/aes-vpf-charcot/2026/01/2026-01-01T00-00-00Z.json',
      ],
      ['no page image beside it', record, /^image : fichier absent/, undefined, new Set([record!.thumbnail])],
      ['no thumbnail beside it', record, /^thumbnail : fichier absent/, undefined, new Set([record!.image])],
      ['a préfecture id that is no slug', { ...record, prefecture: 'Paris <b>' }, /^prefecture : /],
    ];
    for (const [what, value, pattern, path, only] of cases) {
      const text = value === undefined ? '{' : JSON.stringify(value);
      const problems = checkRecord({ path: path ?? files.record, text, siblings: only ?? siblings }).problems ?? [];
      assert.ok(
        problems.some((p) => pattern.test(p)),
        `${what}: ${problems.join(' | ')}`,
      );
    }
  });
});

/**
 * The two newest records of a motif as records made before quote and description: one whose matched text is a
 * line of its page text, one whose matched text is the tool's words (« HTTP 403 403 Forbidden »).
 */
async function olderRecords(archive: string, records: EvidenceRecord[]): Promise<EvidenceRecord[]> {
  const newest = newestFirst(records.filter((r) => r.motif === 'aes-vpf-charcot')).slice(0, 2);
  const olds: EvidenceRecord[] = [];
  for (const [i, record] of newest.entries()) {
    const { description: _d, quote: _q, ...evidence } = record.evidence;
    const matchedText = i === 0 ? OUTCOME_LABELS[record.outcome] : 'HTTP 403 403 Forbidden';
    const old = { ...record, evidence: { ...evidence, matchedText } };
    await writeListedRecord(archive, old);
    records.splice(records.indexOf(record), 1, old);
    olds.push(old);
  }
  return olds;
}

describe('site build', () => {
  let out: string;
  let records: EvidenceRecord[];
  let hostile: EvidenceRecord;
  /** The newest capture of the archive could not reach the site: the robot's network, never published. */
  let unreached: EvidenceRecord;
  let older: EvidenceRecord[];
  let report: SiteReport;
  let archive: string;
  const read = (path: string) => readFile(join(out, outputFile(path)), 'utf8');

  before(async () => {
    const dir = await folder('stp-site-');
    archive = join(dir, 'archive');
    out = join(dir, '_site');
    records = await generateArchive(archive, {
      captures: 300,
      from: '2026-01-20T05:00:00Z',
      everyHours: 18,
      seed: 5,
      lastOutcomes: ['runner-network'],
    });
    // What the site should show is the rest: every figure below is computed from `records`.
    unreached = records.pop()!;
    hostile = await addHostileRecord(archive, records);
    older = await olderRecords(archive, records);
    report = await buildSite(options(archive, out));
  });

  it('writes one page per capture at its id, and the listing pages', async () => {
    assert.equal(report.captures, records.length);
    for (const r of records) assert.ok(existsSync(join(out, paths.capture(r.id))), r.id);
    for (const page of [
      'index.html',
      'paris/index.html',
      'seine-saint-denis/index.html',
      'paris/aes-vpf-charcot/index.html',
      'donnees/index.html',
      'a-verifier/index.html',
    ]) {
      assert.match(await read(page), /^<!doctype html>\n<html lang="fr">/, page);
    }
    const months = new Set(records.map((r) => `${r.prefecture}/${r.motif}/${parisMonth(r.capturedAt)}`));
    assert.equal(
      report.pages.listings,
      1 + 2 + 3 * 3 + months.size + 3,
      'home, préfectures, motifs with their feeds and calendars, months, data, à vérifier, the public summary',
    );
    for (const m of months) assert.ok(existsSync(join(out, m, 'index.html')), m);
  });

  it('publishes nothing of a capture that could not reach the site: no page, no row, no count, no dossier entry', async () => {
    assert.equal(unreached.outcome, 'runner-network');
    assert.ok(!existsSync(join(out, paths.capture(unreached.id))));
    const motif = await read(paths.motif(unreached.prefecture, unreached.motif));
    assert.ok(!motif.includes(unreached.id) && !motif.includes(OUTCOME_LABELS['runner-network']));
    const dossier = await gunzipped(join(out, dossierIndexPath(unreached.prefecture, unreached.motif)));
    assert.ok(!dossier.includes(unreached.id));
    assert.ok(dossier.includes(hostile.id), 'the index read is the right one');
  });

  it('links every page only to pages and files that exist', async () => {
    const { links, broken } = await brokenLinks(out);
    assert.deepEqual(broken, []);
    assert.ok(links > records.length * 10, `${links} links checked`);
  });

  it('links each capture to the captures before and after it', async () => {
    const motif = records
      .filter((r) => r.motif === 'aes-vpf-charcot')
      .sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
    const middle = motif[10]!;
    const page = await read(paths.capture(middle.id));
    const link = linksFrom(paths.capture(middle.id));
    assert.ok(page.includes(`rel="prev" href="${link(paths.capture(motif[9]!.id))}"`));
    assert.ok(page.includes(`rel="next" href="${link(paths.capture(motif[11]!.id))}"`));
    assert.match(await read(paths.capture(motif[0]!.id)), /<span class="none">← Capture précédente<span>aucune/);
  });

  it('counts each motif’s captures by month, outcome and hour as the records do', async () => {
    for (const motif of ['aes-vpf-charcot', 'aes-le-raincy']) {
      const mine = records.filter((r) => r.motif === motif);
      const page = await read(paths.motif(mine[0]!.prefecture, motif));
      for (const outcome of SITE_OUTCOMES) {
        const n = mine.filter((r) => r.outcome === outcome).length;
        assert.ok(
          page.includes(`<th scope="row">${OUTCOME_LABELS[outcome]}</th><td>${count(n)}</td>`),
          `${motif} ${outcome} ${n}`,
        );
      }
      for (const month of new Set(mine.map((r) => parisMonth(r.capturedAt)))) {
        const n = mine.filter((r) => parisMonth(r.capturedAt) === month).length;
        assert.match(page, new RegExp(`href="${month}/">[^<]+</a> <span>${n} captures</span>`), `${motif} ${month}`);
        assert.match(
          await read(paths.month(mine[0]!.prefecture, motif, month)),
          new RegExp(`<p class="lead">${n} tentatives ce mois-ci`),
        );
      }
      const heat = page.slice(page.indexOf('<table class="heat"'));
      const cells = [...heat.slice(0, heat.indexOf('</table>')).matchAll(/<td class="l\d">(\d+)<\/td>/g)].map((m) =>
        Number(m[1]),
      );
      assert.equal(cells.length, 7 * 24);
      assert.equal(
        cells.reduce((a, b) => a + b, 0),
        mine.length,
      );
    }
  });

  it('says first, for each motif on the home page, what its latest attempts saw', async () => {
    const home = await read('index.html');
    const sentences = [...home.matchAll(/<p class="status ([a-z-]+)">([^<]*)/g)];
    assert.equal(sentences.length, 3);
    const kinds = { 'no-slot': 'no-slot', 'slot-available': 'slot', unrecognized: 'unknown' } as const;
    for (const motif of ['aes-vpf-charcot', 'aes-travail-truffaut', 'aes-le-raincy']) {
      const mine = newestFirst(records.filter((r) => r.motif === motif));
      const kind = kinds[mine[0]!.outcome as keyof typeof kinds] ?? 'stopped';
      const alike = (r: EvidenceRecord) => (kinds[r.outcome as keyof typeof kinds] ?? 'stopped') === kind;
      const n = mine.findIndex((r) => !alike(r));
      const [, shownKind, sentence] = sentences.find((m) => home.indexOf(m[0]) > home.indexOf(`/${motif}/"`))!;
      assert.equal(shownKind, kind, motif);
      if (kind === 'no-slot')
        assert.ok(sentence!.startsWith(n > 1 ? `Aucun créneau aux ${n} dernières` : 'Aucun créneau à la'), sentence);
      else assert.doesNotMatch(sentence!, /aucun créneau/i, `${motif}: ${mine[0]!.outcome}`);
    }
  });

  it('warns that the collection looks stopped when the latest capture is older than the limit', async () => {
    assert.match(
      await read('index.html'),
      /<p class="stale" role="status" data-last="[^"]+" data-limit-hours="24">Dernière capture il y a \d+ jours\u00a0: la collecte semble arrêtée\.<\/p>/,
    );
  });

  it('prints the banner lines of the exhibit right under the page image', async () => {
    const record = records[42]!;
    const page = await read(paths.capture(record.id));
    const figure = page.slice(page.indexOf('<figure class="exhibit">'), page.indexOf('</figure>'));
    assert.match(figure, new RegExp(`<img src="\\.\\./\\.\\./img/${record.sha256}\\.png"`));
    const banner = bannerLines(record)
      .map((l) => `<div><dt>${escapeHtml(l.label)}</dt><dd>${escapeHtml(l.value)}</dd></div>`)
      .join('');
    assert.ok(figure.includes(`<figcaption><dl class="banner">${banner}</dl></figcaption>`));
  });

  it('shows every field of the record, how to check its hash and re-create its exhibit', async () => {
    const record = records[7]!;
    const page = await read(paths.capture(record.id));
    const leaves = (value: unknown, key: string): [string, unknown][] =>
      value !== null && typeof value === 'object'
        ? Object.entries(value).flatMap(([k, v]) => leaves(v, k))
        : [[key, value]];
    for (const [key, value] of leaves(record, '')) {
      if (typeof value === 'string') {
        const shown = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value) ? utcDateTime(value) : escapeHtml(value);
        assert.ok(page.includes(shown), `${key}: ${shown}`);
      } else if (typeof value === 'number') {
        const shown =
          key === 'durationMs' || key === 'clockOffsetMs'
            ? seconds(value)
            : key === 'bytes'
              ? count(value)
              : String(value);
        assert.ok(page.includes(shown), `${key}: ${shown}`);
      }
    }
    // The server's clock in Paris time, beside the header as received.
    const server = new Date(Date.parse(record.evidence.serverDate!)).toISOString();
    const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    assert.ok(
      spaced(page).includes(
        spaced(
          `${dateTime(server, true)} (heure de Paris) — en-tête reçu : <code>${record.evidence.serverDate}</code>`,
        ),
      ),
      'server date',
    );
    assert.ok(page.includes(`<code>sha256sum ${record.sha256}.png</code>`));
    assert.ok(page.includes(`<code>npm run exhibit -- ${record.id}</code>`));
    assert.ok(
      page.includes(
        `<a href="${record.provenance.runner.kind === 'github-actions' ? record.provenance.runner.runUrl : ''}">`,
      ),
    );
  });

  it('shows the text of a hostile record as text, on every page', async () => {
    const page = await read(paths.capture(hostile.id));
    assert.ok(page.includes(escapeHtml(HOSTILE.matchedText)));
    assert.ok(page.includes(escapeHtml(HOSTILE.title)));
    assert.ok(!page.includes('href="javascript:'));
    for (const file of (await files(out)).filter((f) => /\.(html|xml)$/.test(f))) {
      const text = await readFile(join(out, file), 'utf8');
      assert.ok(!/<script>window|<img src=x|<b>gras/.test(text), file);
    }
    assert.ok((await read('index.html')).includes(escapeHtml(HOSTILE.motifLabel)));
  });

  it('writes an Atom feed of the latest captures per motif', async () => {
    const feed = await read(paths.feed('seine-saint-denis', 'aes-le-raincy'));
    assert.match(
      feed,
      /^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="fr">/,
    );
    assert.equal(feed.match(/<entry>/g)?.length, FEED_SIZE);
    const first = feed.slice(feed.indexOf('<entry>'), feed.indexOf('</entry>'));
    assert.ok(
      first.includes(`<updated>${hostile.capturedAt}</updated>`) && first.includes(escapeHtml(HOSTILE.matchedText)),
    );
    assert.doesNotMatch(first, /«/, 'text that is not on the page is never quoted');
    // Older records: the matched text is quoted only when the page text holds it.
    const charcot = await read(paths.feed('paris', 'aes-vpf-charcot'));
    const entry = (r: EvidenceRecord) =>
      charcot.slice(charcot.indexOf(`:${r.id}<`), charcot.indexOf(`:${r.id}<`) + 900);
    assert.match(
      entry(older[0]!),
      new RegExp(`<summary>[^<]*Texte relevé sur la page : « ${OUTCOME_LABELS[older[0]!.outcome]} »`),
    );
    assert.match(entry(older[1]!), /<summary>[^<«]*Constat : HTTP 403 403 Forbidden\.<\/summary>/);
    const fresh = newestFirst(records.filter((r) => r.motif === 'aes-vpf-charcot'))[2]!;
    assert.match(entry(fresh), /Constat : page générée pour les bancs et les tests\. Texte relevé sur la page : « /);
  });

  it('says « non vérifié » beside a motif whose newest record has an unconfirmed address, and only there', async () => {
    const flags = new Map<string, boolean | undefined>();
    for (const r of newestFirst([...records, hostile, ...older]))
      if (!flags.has(`${r.prefecture}/${r.motif}`)) flags.set(`${r.prefecture}/${r.motif}`, r.motifVerified);
    assert.deepEqual(new Set(flags.values()), new Set([true, false, undefined]), 'the archive has the three cases');
    const home = await read('index.html');
    const motifs = JSON.parse(await read('donnees/motifs.json')) as { prefecture: string; motif: string }[];
    for (const [key, verified] of flags) {
      const [prefecture, motif] = key.split('/') as [string, string];
      const heading = new RegExp(`<h3><a href="${key}/">[^<]*</a>(.*?)</h3>`).exec(home)?.[1];
      const page = await read(paths.motif(prefecture, motif));
      const title = /<h1>(.*?)<\/h1>/.exec(page)![1]!;
      const shown = verified === false;
      for (const [where, text] of [
        ['home', heading ?? ''],
        ['motif page title', title],
        [
          'préfecture page',
          (await read(paths.prefecture(prefecture))).split(`href="${motif}/"`)[1]!.split('</h3>')[0]!,
        ],
      ])
        assert.equal(/class="outcome motif-unverified"[^>]*>non vérifié</.test(text!), shown, `${key}, ${where}`);
      assert.equal(page.includes('Démarche <strong>non vérifiée</strong>'), shown, key);
      const row = motifs.find((m) => m.prefecture === prefecture && m.motif === motif) as Record<string, unknown>;
      assert.equal(row.verified, verified ?? null, key);
    }
  });

  it('publishes every record in compressed CSV and JSON, with every field documented', async () => {
    const csv = (await gunzipped(join(out, paths.dataFile(DATA_FILES.capturesCsv)))).trimEnd().split('\n');
    assert.equal(csv[0], CAPTURE_FIELDS.map((f) => f.name).join(','));
    assert.equal(csv.length, records.length + 1);
    const json = JSON.parse(await gunzipped(join(out, paths.dataFile(DATA_FILES.capturesJson)))) as Record<
      string,
      unknown
    >[];
    assert.deepEqual(new Set(json.map((r) => r.id)), new Set(records.map((r) => r.id)));
    assert.deepEqual(
      Object.keys(json[0]!),
      CAPTURE_FIELDS.map((f) => f.name),
    );
    assert.equal((JSON.parse(await read('donnees/motifs.json')) as unknown[]).length, 3);
    const about = await read('donnees/index.html');
    for (const f of [...CAPTURE_FIELDS, ...MOTIF_FIELDS]) assert.ok(about.includes(`<code>${f.name}</code>`), f.name);
    for (const name of Object.values(DATA_FILES)) assert.ok(about.includes(`<a href="${name}">${name}</a>`), name);
    assert.match(about, /<code>gunzip captures\.csv\.gz<\/code>/);
    assert.equal(json.find((r) => r.id === hostile.id)!.image, paths.image(hostile.sha256));
    // The page texts: each distinct one once, found from a capture by its textSha256, and searchable.
    const texts = JSON.parse(await gunzipped(join(out, paths.dataFile(DATA_FILES.textsJson)))) as {
      sha256: string;
      text: string;
    }[];
    const withText = records.filter((r) => r.textSha256);
    assert.ok(withText.length > 0);
    assert.deepEqual(new Set(texts.map((t) => t.sha256)), new Set(withText.map((r) => r.textSha256)));
    assert.equal(texts.length, new Set(texts.map((t) => t.sha256)).size, 'each text once');
    for (const t of texts) assert.equal(sha256Hex(t.text), t.sha256);
    for (const r of withText) {
      assert.equal(json.find((j) => j.id === r.id)!.textSha256, r.textSha256);
      const text = await readFile(join(archive, captureFiles(r).text!), 'utf8');
      assert.equal(texts.find((t) => t.sha256 === r.textSha256)!.text, text);
    }
    const noSlot = records.find((r) => r.outcome === 'no-slot' && r.textSha256)!;
    const word = texts
      .find((t) => t.sha256 === noSlot.textSha256)!
      .text.split(/\s+/)
      .find((w) => w.length > 6)!;
    assert.ok(json.some((j) => texts.some((t) => t.sha256 === j.textSha256 && t.text.includes(word))));
  });
});

describe('site size budget', () => {
  let records: EvidenceRecord[];
  let out: string;
  let report: SiteReport;
  let budgetBytes: number;
  /** Newest first, with whether the build wrote its page. */
  let pages: { record: EvidenceRecord; page: boolean }[];

  before(async () => {
    const dir = await folder('stp-site-budget-');
    const archive = join(dir, 'archive');
    out = join(dir, '_site');
    records = await generateArchive(archive, { captures: 240, from: '2026-01-20T05:00:00Z', everyHours: 24, seed: 11 });
    const whole = await buildSite(options(archive, join(dir, 'whole')));
    assert.equal(whole.budget.leftOut.page.files, 0);
    budgetBytes = Math.floor(whole.bytes.budgeted / 2);
    report = await buildSite(options(archive, out, { budgetBytes }));
    pages = newestFirst(records).map((record) => ({ record, page: existsSync(join(out, paths.capture(record.id))) }));
  });

  it('builds a generated archive larger than the budget under it: images, thumbnails and capture pages', async () => {
    const detail = (await files(out)).filter(
      (f) => /^(img|thumb)\//.test(f) || /^[a-z-]+\/[a-z0-9-]+\/\d{4}-\d\d-\d\dT[\d-]+Z\.html$/.test(f),
    );
    const bytes = (await Promise.all(detail.map((f) => stat(join(out, f))))).reduce((n, s) => n + s.size, 0);
    assert.ok(bytes <= budgetBytes, `${bytes} ≤ ${budgetBytes}`);
    assert.ok(bytes > budgetBytes * 0.95, `${bytes}: the budget is spent, not wasted`);
    assert.equal(bytes, report.bytes.budgeted);
    const all = (await Promise.all((await files(out)).map((f) => stat(join(out, f))))).reduce((n, s) => n + s.size, 0);
    assert.equal(all, report.bytes.total, 'the report counts every file written');
    assert.equal(
      report.bytes.total,
      report.bytes.budgeted + report.bytes.months + report.bytes.listings + report.bytes.data + report.bytes.assets,
    );
  });

  it('gives the newest captures their page and image, and none older than the first left out', async () => {
    const firstLeftOut = pages.findIndex((p) => !p.page);
    assert.ok(firstLeftOut > records.length / 4 && firstLeftOut < records.length, `${firstLeftOut} pages`);
    assert.ok(
      pages.slice(firstLeftOut).every((p) => !p.page),
      'no page older than the first left out',
    );
    assert.equal(report.pages.captures, firstLeftOut);
    assert.deepEqual(report.budget.leftOut.page, {
      files: records.length - firstLeftOut,
      from: pages[firstLeftOut]!.record.capturedAt,
    });
    for (const { record } of pages.slice(0, firstLeftOut))
      assert.ok(existsSync(join(out, paths.image(record.sha256))), `${record.id} has its image`);
    assert.match(
      summarize(report, 1000),
      /\nLaissé de côté \(captures du \S+ \S+ 2026 et avant\) : \d+ pages de capture[^\n]*branche archive\./,
    );
  });

  it('still counts every capture, and lists the oldest in compact rows under a notice, once', async () => {
    assert.equal(report.captures, records.length);
    const oldest = pages.at(-1)!.record;
    const month = parisMonth(oldest.capturedAt);
    const mine = records.filter((r) => r.motif === oldest.motif && parisMonth(r.capturedAt) === month);
    const page = await readFile(join(out, outputFile(paths.month(oldest.prefecture, oldest.motif, month))), 'utf8');
    assert.match(page, new RegExp(`<p class="lead">${mine.length} tentatives ce mois-ci`));
    assert.equal(page.match(/<p class="notice">/g)?.length, 1);
    assert.match(
      page,
      /les captures listées ci-dessous sans lien, les plus anciennes de la démarche, n’ont pas de page sur ce site/,
    );
    for (const dir of new Set(mine.map((r) => captureFiles(r).record.split('/').slice(0, 4).join('/')))) {
      assert.ok(page.includes(`<a href="https://github.com/exemple/stp/tree/archive/${dir}">`), dir);
    }
    const table = page.slice(page.indexOf('<table class="rows"'), page.indexOf('</table>'));
    const cells = [...table.matchAll(/<td(?: class="[^"]*")?>\d\d:\d\d [^<]+/g)].map((m) => m[0]);
    assert.equal(cells.length, mine.filter((r) => !pages.find((p) => p.record === r)!.page).length);
    for (const cell of cells) assert.ok(Buffer.byteLength(cell) < 80, cell);
    const mean = cells.reduce((n, cell) => n + Buffer.byteLength(cell), 0) / cells.length;
    assert.ok(mean < 30, `${mean} bytes a cell`);
    const newest = pages[0]!.record;
    const recent = await readFile(
      join(out, outputFile(paths.month(newest.prefecture, newest.motif, parisMonth(newest.capturedAt)))),
      'utf8',
    );
    assert.ok(!recent.includes('<p class="notice">'), 'no notice where every capture has its page');
  });

  it('links no page that was not written, anywhere in the site', async () => {
    const { links, broken } = await brokenLinks(out);
    assert.deepEqual(broken, []);
    assert.ok(links > report.pages.captures * 10, `${links} links checked`);
    const boundary = pages.findIndex((p) => !p.page) - 1;
    const last = await readFile(join(out, paths.capture(pages[boundary]!.record.id)), 'utf8');
    assert.match(last, /<a href="[^"]+\/">← Capture précédente<span>[^<]+, sans page\u00a0: voir le mois<\/span><\/a>/);
  });

  it('publishes every capture in the compressed open data, with a page address only where there is a page', async () => {
    const csv = (await gunzipped(join(out, paths.dataFile(DATA_FILES.capturesCsv)))).trimEnd().split('\n');
    assert.equal(csv.length, records.length + 1);
    const json = JSON.parse(await gunzipped(join(out, paths.dataFile(DATA_FILES.capturesJson)))) as {
      id: string;
      page: string | null;
    }[];
    assert.deepEqual(new Set(json.map((r) => r.id)), new Set(records.map((r) => r.id)));
    for (const { record, page } of pages)
      assert.equal(json.find((r) => r.id === record.id)!.page, page ? paths.capture(record.id) : null, record.id);
  });
});

describe('site with bad records', () => {
  let archive: string;
  let out: string;
  let broken: string[];
  let tampered: { id: string; outcome: Outcome };
  const OUTSIDE_BYTES = 'OCTETS-HORS-ARCHIVE-7f3a';

  before(async () => {
    const dir = await folder('stp-site-bad-');
    archive = join(dir, 'archive');
    out = join(dir, '_site');
    const records = await generateArchive(archive, { captures: 30, seed: 2 });
    await buildSite(options(archive, out));
    const [a, b, c, d, e, f] = records.map(captureFiles);
    await writeFile(join(archive, a!.record), JSON.stringify({ version: 1 }));
    await unlink(join(archive, b!.image));
    await writeFile(join(archive, c!.record), '{ pas du JSON');
    // Edited since its manifest, image untouched: its outcome says something else now.
    const edited = records[3]!;
    tampered = { id: edited.id, outcome: edited.outcome === 'no-slot' ? 'slot-available' : 'no-slot' };
    await writeFile(join(archive, d!.record), JSON.stringify({ ...edited, outcome: tampered.outcome }, null, 2) + '\n');
    // A record that is a symlink to a file outside, and one that is a FIFO: refused with their path, never opened.
    const outside = join(await folder('stp-site-outside-'), 'secret.json');
    await writeFile(outside, JSON.stringify({ secret: OUTSIDE_BYTES }));
    await unlink(join(archive, e!.record));
    await symlink(outside, join(archive, e!.record));
    await unlink(join(archive, f!.record));
    await promisify(execFile)('mkfifo', [join(archive, f!.record)]);
    broken = [a!.record, b!.record, c!.record, d!.record, e!.record, f!.record];
  });

  it('fails naming each bad record and leaves the previous site untouched', async () => {
    const before = await readFile(join(out, 'index.html'), 'utf8');
    await assert.rejects(buildSite(options(archive, out)), (error: Error) => {
      assert.ok(error instanceof BadArchiveError);
      for (const path of broken) assert.ok(error.message.includes(path), path);
      assert.match(error.message, /image : fichier absent/);
      assert.match(error.message, new RegExp(`${broken[3]}\\n +- fiche modifiée — ne pas utiliser : SHA-256 `));
      assert.match(error.message, new RegExp(`${broken[4]} : lien symbolique refusé`));
      assert.match(error.message, new RegExp(`${broken[5]} : pas un fichier ordinaire`));
      assert.ok(!error.message.includes(OUTSIDE_BYTES));
      assert.match(error.message, /--allow-bad/);
      return true;
    });
    assert.equal(await readFile(join(out, 'index.html'), 'utf8'), before);
    assert.deepEqual((await readdir(dirname(out))).sort(), ['_site', 'archive'], 'no half-built folder is left');
  });

  it('with --allow-bad, lists them on « Captures à vérifier » and publishes the rest', async () => {
    const report = await buildSite(options(archive, out, { allowBad: true }));
    assert.equal(report.captures, 24);
    const page = await readFile(join(out, paths.toCheck, 'index.html'), 'utf8');
    for (const path of broken) assert.ok(page.includes(`<code>${path}</code>`), path);
    assert.match(await readFile(join(out, 'index.html'), 'utf8'), /6 captures à vérifier<\/a>/);
    // The edited record's page says not to use it; the capture is in no list, statistic, feed or dossier index.
    const edited = await readFile(join(out, outputFile(paths.capture(tampered.id))), 'utf8');
    assert.match(edited, /<strong>Fiche modifiée — ne pas utiliser\.<\/strong>/);
    assert.ok(!edited.includes('Horodatages indépendants'));
    const files = (await readdir(out, { recursive: true })).filter((f) => /\.(html|xml|json|gz|csv)$/.test(f));
    for (const file of files) {
      const bytes = await readFile(join(out, file));
      const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
      assert.ok(!text.includes(OUTSIDE_BYTES), `${file} : octets d'un fichier hors de l'archive`);
      if (file !== outputFile(paths.capture(tampered.id)) && file !== join(paths.toCheck, 'index.html'))
        assert.ok(
          !text.includes(tampered.id.slice(tampered.id.lastIndexOf('/') + 1)),
          `${file} cite la fiche modifiée`,
        );
    }
  });
});

describe('npm run site', () => {
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'site', 'build.ts'), ...args],
        { cwd: ROOT, env: { ...process.env, GITHUB_REPOSITORY: '' } },
        (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });

  it('builds and says what it published, and refuses bad options with exit code 2', async () => {
    const dir = await folder('stp-site-cli-');
    await generateArchive(join(dir, 'archive'), { captures: 12 });
    const ok = await run(['--archive', join(dir, 'archive'), '--out', join(dir, 'public')]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^Site construit dans .*public en [\d,]+ s : 12 captures \(3 démarches, 2 préfectures\)/);
    assert.match(
      ok.stdout,
      /\nDétail des captures publié : 12 pages de capture, \d+ images, \d+ vignettes, [\d,]+ [kM]o sur un budget de 700 Mo \(--budget-mb\)\.\nRien n’a été laissé de côté : chaque capture a sa page\.\n/,
    );
    assert.match(
      ok.stdout,
      /\nTaille du site : [\d,]+ [kM]o \(détail des captures [\d,]+ [kM]o, pages des mois [\d,]+ ko, autres pages [\d,]+ ko, données ouvertes compressées [\d,]+ ko, styles et scripts [\d,]+ ko\)\.$/m,
    );
    const bad = await run(['--budget-mb', 'beaucoup']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--budget-mb : « beaucoup » n'est pas un nombre positif/);
    const missing = await run(['--archive', join(dir, 'absent')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Dossier d'archive introuvable/);
  });

  it('never replaces a folder that holds the archive or is not a built site', async () => {
    const dir = await folder('stp-site-out-');
    await generateArchive(join(dir, 'archive'), { captures: 3 });
    await writeFile(join(dir, 'notes.txt'), 'à garder');
    await assert.rejects(buildSite(options(join(dir, 'archive'), dir)), /contient l'archive/);
    await assert.rejects(
      buildSite(options(join(dir, 'archive'), join(dir, 'archive', 'paris'))),
      /n'est pas un site construit par cette commande/,
    );
    assert.equal(await readFile(join(dir, 'notes.txt'), 'utf8'), 'à garder');
  });

  it('measures builds for the bench: time, peak memory of the build process, pages and bytes, with each budget asked', async () => {
    const [whole, none] = await benchSite(24, [null, 0]);
    assert.equal(
      whole!.pages,
      24 + 2 + 3 * 3 + 3 + 4,
      'captures, 2 préfectures, 3 motifs with their feeds and calendars, one month each, home, data, à vérifier, the public summary',
    );
    assert.ok(whole!.ms > 0 && whole!.peakRssMb > 20 && whole!.bytes.total > 24 * 5000, JSON.stringify(whole));
    assert.equal(whole!.budget.limitBytes, 700e6);
    assert.equal(none!.pages, 2 + 3 * 3 + 3 + 4, 'no capture page without a budget');
    assert.equal(none!.bytes.budgeted, 0);
  });
});
