import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import { DEFAULT_MOTIFS, generateArchive, random } from '../scraper/bench/archive-generator.ts';
import { dueAdvice, motifDue, periodText, suggestionLine, suggestTimes } from '../scraper/dossier/due.ts';
import { parisTime } from '../scraper/evidence/time.ts';
import { dueSection, motifCalendar } from '../site/render/due.ts';
import { runCli, tempDir } from './helpers.ts';

const NOW = new Date('2026-12-02T10:00:00Z');
const at = (iso: string) => ({ capturedAt: iso, outcome: 'no-slot' });
const hour = (d: Date) => parisTime(d.toISOString()).hour();

describe('what a référé still lacks', () => {
  it('asks for two more weeks and other hours when every attempt is in one week at the same hour', () => {
    const due = motifDue(
      [
        at('2026-11-30T08:10:00Z'),
        at('2026-12-01T08:40:00Z'),
        { capturedAt: '2026-12-01T15:00:00Z', outcome: 'captcha' },
      ],
      NOW,
      '2026-11-04T10:00:00Z',
    );
    assert.deepEqual([due.attempts, due.weeks, due.hours, due.recent], [2, ['2026-W49'], [9], 2]);
    assert.equal(due.missing.length, 2);
    assert.match(due.missing[0]!, /^des tentatives dans 2 semaines de plus \(au moins 3 semaines différentes/);
    assert.match(due.missing[1]!, /^des tentatives à d’autres heures de la journée .*9 h pour l’instant/);
    // The latest attempt met a captcha: the witness mode is suggested, whatever the platform.
    const period = periodText(4, '2026-11-04T10:00:00Z');
    assert.equal(period, 'les 4 dernières semaines (depuis le mercredi 4 novembre 2026)');
    const [lacks, witness] = dueAdvice(due, period, 'legacy-booking');
    assert.match(
      lacks!,
      /^Pour un dossier complet, il manque sur les 4 dernières semaines \(depuis le mercredi 4 novembre 2026\) : des tentatives dans 2 semaines/,
    );
    assert.match(witness!, /^1 tentative arrêtée par un captcha sur les 4 dernières semaines .* en mode témoin/);
  });

  it('says to book, not to capture more, when the latest attempt saw a slot', () => {
    const due = motifDue(
      [at('2026-11-30T08:10:00Z'), { capturedAt: '2026-12-01T08:40:00Z', outcome: 'slot-available' }],
      NOW,
      '2026-11-04T10:00:00Z',
    );
    assert.equal(due.slotSeenAt, '2026-12-01T08:40:00Z');
    const advice = dueAdvice(due, periodText(1, '2026-11-25T10:00:00Z'), 'legacy-booking');
    assert.deepEqual(advice.length, 1);
    assert.match(
      advice[0]!,
      /^Créneau vu à la dernière tentative, mardi 1er décembre 2026 à 09:40:00 .*prenez rendez-vous/,
    );
    const since = motifDue(
      [{ capturedAt: '2026-11-30T08:10:00Z', outcome: 'slot-available' }, at('2026-12-01T09:00:00Z')],
      NOW,
      '2026-11-04T10:00:00Z',
    );
    assert.equal(since.slotSeenAt, null, 'the slot was gone at the latest attempt');
  });

  it('asks for a recent attempt when the latest is older than 7 days, and nothing more when complete', () => {
    const old = [at('2026-11-05T07:00:00Z'), at('2026-11-12T12:00:00Z'), at('2026-11-19T16:00:00Z')];
    assert.deepEqual(motifDue(old, NOW, '2026-11-04T10:00:00Z').missing, [
      'une tentative récente (aucune ces 7 derniers jours)',
    ]);
    assert.deepEqual(motifDue([...old, at('2026-12-01T09:00:00Z')], NOW, '2026-11-04T10:00:00Z').missing, []);
    assert.equal(motifDue(old, NOW, '2026-11-10T00:00:00Z').weeks.length, 2, 'only the period counts');
  });

  it('suggests future times, spread over different days, never twice in the same hour, other hours first', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const times = suggestTimes(NOW, 6, random(seed), [9, 10]);
      assert.equal(times.length, 6);
      assert.ok(times.every((t) => t > NOW));
      const hours = times.map(hour);
      assert.equal(new Set(hours).size, 6, `seed ${seed}: ${hours.join(', ')}`);
      assert.ok(
        hours.every((h) => h >= 8 && h < 20 && h !== 9 && h !== 10),
        `seed ${seed}: ${hours.join(', ')}`,
      );
      const days = times.map((t) => parisTime(t.toISOString()).format('YYYY-MM-DD'));
      assert.equal(new Set(days).size, 6, `seed ${seed}: ${days.join(', ')}`);
      assert.deepEqual(
        [...times].sort((a, b) => +a - +b),
        times,
        'in order',
      );
    }
  });
});

describe('npm run due', () => {
  it('prints what each motif lacks and writes an .ics that a calendar library reads back', async () => {
    const archive = await tempDir();
    const now = new Date();
    // Captures of one motif in the last two days only: one week, a few hours.
    await generateArchive(archive, {
      captures: 12,
      from: new Date(now.getTime() - 2 * 86_400_000).toISOString(),
      everyHours: 3,
      motifs: [DEFAULT_MOTIFS[0]!],
      seed: 4,
    });
    const ics = join(await tempDir(), 'tentatives.ics');
    const result = await runCli([
      'due',
      '--target',
      'paris',
      '--motif',
      'aes-vpf-charcot',
      '--archive',
      archive,
      '--ics',
      ics,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^Préfecture de police de Paris — archive .*, comptée sur les 4 dernières semaines \(depuis le /m,
    );
    assert.match(
      result.stdout,
      /Pour un dossier complet, il manque sur les 4 dernières semaines \(depuis le [^)]+\) : des tentatives dans [12] semaines? de plus/,
    );
    assert.match(
      result.stdout,
      /suggérées \(heure de Paris\), avec npm run capture -- --target paris --motif aes-vpf-charcot :/,
    );
    const printed = [...result.stdout.matchAll(/^ {4}(\S.*\(UTC[+-]\d\d:\d\d\))$/gm)];
    assert.equal(printed.length, 5);

    const calendar = new ICAL.Component(ICAL.parse(await readFile(ics, 'utf8')));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    assert.equal(events.length, 5);
    const starts = events.map((e) => e.startDate.toJSDate());
    assert.ok(starts.every((s) => s > now));
    assert.equal(new Set(starts.map(hour)).size, 5, 'never twice in the same hour');
    for (const event of events) {
      assert.match(event.summary, /^Capture : .*\(Préfecture de police de Paris\)$/);
      assert.match(event.description, /\nnpm run capture -- --target paris --motif aes-vpf-charcot$/);
      assert.equal(event.duration.toSeconds(), 15 * 60);
    }
    assert.deepEqual(
      starts.map((s) => parisTime(s.toISOString()).format('HH:mm')),
      printed.map((m) => /à (\d\d:\d\d)/.exec(m[1]!)![1]),
      'the calendar has the times printed',
    );
  });

  it('exits 2 without --target', async () => {
    const result = await runCli(['due']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /indiquez la préfecture : --target/);
  });
});

describe('the motif page of the site', () => {
  it('says « Pour un dossier complet, il manque : … » and links the suggested times as an .ics', () => {
    const captures = ['2026-11-30T08:10:00Z', '2026-12-01T08:40:00Z'].map((capturedAt, i) => ({
      id: `paris/aes-vpf-charcot/${i}`,
      capturedAt,
      paris: 0,
      outcome: 'no-slot' as const,
      thumbnail: null,
      page: true,
      changed: false,
    }));
    const motif = {
      prefecture: 'paris',
      prefectureName: 'Préfecture de police de Paris',
      motif: 'aes-vpf-charcot',
      motifLabel: 'AES (CRE Charcot)',
      platform: 'rdv-prefecture',
      bookingUrl: 'https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/16040/',
      captures,
    };
    const section = dueSection(motif, NOW.toISOString(), 'tentatives.ics').toString();
    assert.match(
      section,
      /Pour un dossier complet, il manque sur les 4 dernières semaines \(depuis le mercredi 4 novembre 2026\)\s: des tentatives dans 2\ssemaines de plus/,
    );
    assert.match(
      section.replace(/\s/g, ' '),
      /<p>Démarche protégée par un captcha : le robot ne le résout jamais ; faites ces tentatives en mode témoin/,
    );
    assert.doesNotMatch(section.replace(/<[^>]+>/g, ''), / [:;]/, 'no-break spaces before : and ;');
    assert.match(section, /<a href="tentatives\.ics" download>Ajouter ces tentatives à mon agenda \(\.ics\)<\/a>/);
    const file = motifCalendar(motif, NOW.toISOString());
    assert.equal(motifCalendar(motif, NOW.toISOString()), file, 'the same file all day');
    const events = new ICAL.Component(ICAL.parse(file)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    // The times listed on the page are the calendar's.
    const listed = [...section.matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1]!.replace(/\s/g, ' '));
    assert.deepEqual(
      listed,
      events.map((e) => suggestionLine(e.startDate.toJSDate()).replace(/\s/g, ' ')),
    );
    assert.equal(events.length, 5);
    // The site's calendar is public: what to do in words and the booking page, no command line.
    assert.doesNotMatch(file, /npm/);
    assert.match(
      events[0]!.description,
      /capturez-la en mode témoin\.\nPage de rendez-vous : https:\/\/www\.rdv-prefecture/,
    );
  });
});
