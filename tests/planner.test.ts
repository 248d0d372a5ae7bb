/**
 * The scheduler, simulated: every tick of a month (cron every 30 min at :07 and :37 UTC) is planned, and
 * the captures it would make are checked — exact counts per day, inside the Paris hours whatever the
 * daylight-saving time, spread over the hours, at times that change from day to day.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  dispatchedTargets,
  parisDate,
  parseTracked,
  planDay,
  planTick,
  type TickInput,
} from '../scraper/ci/planner.ts';
import { parisTime } from '../scraper/evidence/time.ts';
import { runCli, tempDir } from './helpers.ts';

const WINDOW = 30;
const paris = { id: 'paris', settings: { capturesPerDay: 4, hours: [7, 21] as [number, number] } };
const lille = { id: 'lille', settings: { capturesPerDay: 6, hours: [9, 17] as [number, number] } };

const parisDay = parisDate;
const parisMinutes = (ms: number) => {
  const t = parisTime(new Date(ms).toISOString());
  return t.hour() * 60 + t.minute();
};

interface Capture {
  target: string;
  at: number;
  reason: string;
}

/** Runs every tick from `from` for `days` days; a tick may be dropped or late, as GitHub's are. */
function simulate(
  from: string,
  days: number,
  targets: TickInput['targets'],
  tick: (t: number) => number | null = (t) => t,
): Capture[] {
  const captures: Capture[] = [];
  const done = new Map<string, Record<string, number[]>>();
  const start = Date.parse(from);
  for (let t = start + 7 * 60_000; t < start + days * 86_400_000; t += WINDOW * 60_000) {
    const now = tick(t);
    if (now === null) continue;
    const capturedToday = done.get(parisDay(now)) ?? {};
    for (const d of planTick({
      now: new Date(now),
      targets,
      seed: 'asso/screen-ta-prefecture',
      windowMinutes: WINDOW,
      capturedToday,
    }).due) {
      const at = now + d.delaySeconds * 1000;
      captures.push({ target: d.target, at, reason: d.reason });
      const day = done.get(parisDay(at)) ?? {};
      day[d.target] = [...(day[d.target] ?? []), at];
      done.set(parisDay(at), day);
    }
  }
  return captures;
}

function countsByDay(captures: Capture[], target: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of captures.filter((c) => c.target === target))
    counts.set(parisDay(c.at), (counts.get(parisDay(c.at)) ?? 0) + 1);
  return counts;
}

describe('planning captures at random times', () => {
  // March 2026 (31 days, Paris goes to summer time on the 29th), from Paris midnight.
  const month = simulate('2026-02-28T23:00:00Z', 31, [paris, lille]);

  it('gives each préfecture exactly its captures per day, every day, inside its Paris hours', () => {
    for (const target of [paris, lille]) {
      const counts = countsByDay(month, target.id);
      assert.equal(counts.size, 31, `${target.id}: a capture every day of the month`);
      for (const [day, n] of counts) assert.equal(n, target.settings.capturesPerDay, `${target.id} on ${day}`);
      for (const c of month.filter((c) => c.target === target.id)) {
        const minutes = parisMinutes(c.at);
        assert.ok(
          minutes >= target.settings.hours[0] * 60 && minutes < target.settings.hours[1] * 60,
          `${target.id} at ${new Date(c.at).toISOString()}`,
        );
      }
    }
    assert.ok(
      month.every((c) => c.reason === 'slot'),
      'no catch-up when no tick is lost',
    );
  });

  it('spreads the captures over all the hours, about evenly', () => {
    const hours = new Map<number, number>();
    const times = month.filter((c) => c.target === 'paris').map((c) => c.at);
    for (const at of times)
      hours.set(Math.floor(parisMinutes(at) / 60), (hours.get(Math.floor(parisMinutes(at) / 60)) ?? 0) + 1);
    assert.deepEqual(
      [...hours.keys()].sort((a, b) => a - b),
      [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
    );
    const expected = times.length / 14;
    const chi2 = [...hours.values()].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    // 13 degrees of freedom: above 34.5 would happen by chance once in a thousand for uniform times.
    assert.ok(chi2 < 34.5, `chi² = ${chi2.toFixed(1)}`);
    // Captures of one day are never bunched: at least an hour apart on average, never in one window.
    for (const day of new Set(times.map(parisDay))) {
      const ofDay = times.filter((t) => parisDay(t) === day).sort((a, b) => a - b);
      const windows = new Set(ofDay.map((t) => Math.floor(t / (WINDOW * 60_000))));
      assert.equal(windows.size, ofDay.length, day);
    }
  });

  it('has no fixed time of day: each capture of the day moves from day to day', () => {
    const byDay = new Map<string, number[]>();
    for (const c of month.filter((c) => c.target === 'paris'))
      byDay.set(parisDay(c.at), [...(byDay.get(parisDay(c.at)) ?? []), parisMinutes(c.at)]);
    const schedules = [...byDay.values()].map((m) => m.sort((a, b) => a - b));
    for (let k = 0; k < 4; k++) {
      const kth = schedules.map((s) => s[k]!);
      const mean = kth.reduce((a, b) => a + b, 0) / kth.length;
      const sd = Math.sqrt(kth.reduce((a, b) => a + (b - mean) ** 2, 0) / kth.length);
      assert.ok(sd > 30, `capture ${k + 1} of the day: standard deviation ${sd.toFixed(0)} min`);
      assert.ok(
        new Set(kth.map((m) => Math.floor(m / WINDOW))).size >= 5,
        `capture ${k + 1} of the day uses at least 5 different windows`,
      );
    }
    const distinct = new Set(schedules.map((s) => s.map((m) => Math.floor(m / WINDOW)).join(',')));
    assert.equal(distinct.size, 31, 'no two days share the same schedule');
  });

  it('plans the same slots on every tick of a day, and other slots for another repository', () => {
    const a = planDay(paris, '2026-03-10', 'asso/screen-ta-prefecture', WINDOW);
    assert.deepEqual(planDay(paris, '2026-03-10', 'asso/screen-ta-prefecture', WINDOW), a);
    assert.notDeepEqual(planDay(paris, '2026-03-10', 'autre/copie', WINDOW).slots, a.slots);
  });

  it('keeps the Paris hours across both daylight-saving changes with the same cron', () => {
    for (const [from, day] of [
      ['2026-03-28T23:00:00Z', '2026-03-29'],
      ['2026-10-24T22:00:00Z', '2026-10-25'],
    ] as const) {
      // Two days of ticks: the autumn day lasts 25 hours.
      const captures = simulate(from, 2, [{ id: 'all-day', settings: { capturesPerDay: 24, hours: [0, 24] } }, paris]);
      assert.equal(countsByDay(captures, 'paris').get(day), 4);
      assert.equal(countsByDay(captures, 'all-day').get(day), 24);
      for (const c of captures.filter((c) => c.target === 'paris'))
        assert.ok(parisMinutes(c.at) >= 7 * 60 && parisMinutes(c.at) < 21 * 60);
    }
  });

  it('makes up for late and dropped ticks in the next window, at most once per slot', () => {
    // Every tick late by up to 40 minutes, and one in ten dropped, decided by a fixed sequence.
    let i = 0;
    const unreliable = (t: number) => (++i % 10 === 0 ? null : t + ((i * 7919) % 41) * 60_000);
    const captures = simulate('2026-02-28T23:00:00Z', 31, [paris], unreliable);
    const counts = countsByDay(captures, 'paris');
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    assert.ok(captures.some((c) => c.reason === 'catch-up'));
    assert.ok(
      [...counts.values()].every((n) => n <= 4),
      'never more than planned',
    );
    assert.ok(total >= 0.95 * 31 * 4, `${total} captures of ${31 * 4}`);
  });

  it('does not retry without end a préfecture whose captures keep failing', () => {
    // The archive never receives anything: only the slot and the window right after it run.
    let runs = 0;
    const start = Date.parse('2026-03-09T23:00:00Z');
    for (let t = start + 7 * 60_000; t < start + 86_400_000; t += WINDOW * 60_000) {
      runs += planTick({
        now: new Date(t),
        targets: [paris],
        seed: 's',
        windowMinutes: WINDOW,
        capturedToday: { paris: [] },
      }).due.length;
    }
    assert.ok(runs <= 8, `${runs} runs`);
  });

  it('says when the hours are too short for the captures asked', () => {
    const day = planDay({ id: 'x', settings: { capturesPerDay: 24, hours: [7, 9] } }, '2026-03-10', 's', WINDOW);
    assert.equal(day.slots.length, 4);
    assert.deepEqual(day.clamped, { asked: 24, windows: 4 });
  });
});

describe('choosing the tracked préfectures (STP_TARGETS)', () => {
  const ids = ['paris', 'seine-saint-denis'];

  it('tracks nothing when the variable is empty, everything with all, or the listed ids', () => {
    assert.deepEqual(parseTracked(undefined, ids), []);
    assert.deepEqual(parseTracked('  ', ids), []);
    assert.deepEqual(parseTracked('all', ids), ids);
    assert.deepEqual(parseTracked('seine-saint-denis, paris', ids), ['seine-saint-denis', 'paris']);
    assert.throws(() => parseTracked('paris,lyon', ids), /préfecture inconnue : lyon/);
  });

  it('plans nothing in a fresh copy of the template, and says why in the step outputs', async () => {
    const dir = await tempDir('stp-plan-');
    const output = join(dir, 'output');
    await writeFile(output, '');
    const result = await runCli(['plan'], {
      GITHUB_OUTPUT: output,
      GITHUB_EVENT_NAME: 'schedule',
      STP_TARGETS: '',
      GITHUB_STEP_SUMMARY: '',
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /STP_TARGETS est vide/);
    const text = await readFile(output, 'utf8');
    assert.match(text, /count<<.*\n0\n/);
    assert.match(text, /\{"include":\[\]\}/);
  });

  it('plans a run started by hand, without waiting when asked, with a time limit from the settings', async () => {
    const dir = await tempDir('stp-plan-');
    const output = join(dir, 'output');
    await writeFile(output, '');
    const result = await runCli(['plan'], {
      GITHUB_OUTPUT: output,
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      STP_DISPATCH_TARGET: 'seine-saint-denis',
      STP_DISPATCH_MOTIF: '',
      STP_NO_DELAY: 'true',
      GITHUB_STEP_SUMMARY: '',
    });
    assert.equal(result.code, 0, result.stderr);
    const matrix = JSON.parse(/matrix<<.*\n(.*)\n/.exec(await readFile(output, 'utf8'))![1]!);
    // Three motifs on one site, one after another, 10 minutes each at worst, plus setup.
    assert.deepEqual(matrix, {
      include: [{ target: 'seine-saint-denis', motifs: '', delay: 0, timeout: 45, budget: 32, stepTimeout: 35 }],
    });
  });

  it('runs, when started by hand with all or nothing, only the tracked préfectures, never the whole catalogue', () => {
    const catalogue = [...ids, 'essonne', 'val-d-oise'];
    assert.deepEqual(dispatchedTargets('all', ['val-d-oise'], catalogue), ['val-d-oise']);
    assert.deepEqual(dispatchedTargets(' ', ['val-d-oise'], catalogue), ['val-d-oise']);
    assert.deepEqual(dispatchedTargets('all', [], catalogue), []);
    // a file not tracked yet can be tried once by name
    assert.deepEqual(dispatchedTargets('essonne', ['val-d-oise'], catalogue), ['essonne']);
    assert.throws(
      () => dispatchedTargets('lyon', [], catalogue),
      /préfecture inconnue : lyon\. .* ou all \(celles de STP_TARGETS\)/,
    );
  });

  it('refuses an unknown préfecture in STP_TARGETS with exit code 2', async () => {
    const result = await runCli(['plan'], { GITHUB_EVENT_NAME: 'schedule', STP_TARGETS: 'lyon', GITHUB_OUTPUT: '' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /préfecture inconnue : lyon/);
  });
});
