/**
 * The run's report on GitHub: a table of what was captured (préfecture, motif, outcome, Paris time, link
 * to the image) and annotations for what needs a look — a planned motif with no capture, a slot, a page
 * that the bot could not read. The rows are computed here, purely; `reportRun` only hands them to Actions.
 */
import * as core from '@actions/core';
import type { EvidenceRecord } from '../evidence/record.ts';
import { deciding, decidingLine } from '../evidence/quote.ts';
import { parisTime } from '../evidence/time.ts';
import { OUTCOME_LABELS } from '../outcome/outcomes.ts';
import { captureFiles } from '../archive/paths.ts';
import { NEEDS_CARE } from './alerts.ts';

export interface Expected {
  prefecture: string;
  motif: string;
}

export interface Row {
  prefecture: string;
  motif: string;
  outcome: string;
  time: string;
  image: string;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  title: string;
  message: string;
}

/** Rows for the records of the run, and annotations for slots, unreadable pages and motifs left without a capture. */
export function runReport(
  records: EvidenceRecord[],
  expected: Expected[],
  imageUrl: (path: string) => string,
): { rows: Row[]; annotations: Annotation[] } {
  const sorted = [...records].sort((a, b) => a.id.localeCompare(b.id));
  const rows = sorted.map((r) => ({
    prefecture: r.prefectureName,
    motif: r.motifLabel,
    outcome: OUTCOME_LABELS[r.outcome],
    time: parisTime(r.capturedAt).format('DD/MM/YYYY HH:mm:ss'),
    image: imageUrl(captureFiles({ prefecture: r.prefecture, motif: r.motif, capturedAt: r.capturedAt }).image),
  }));
  const annotations: Annotation[] = [];
  for (const r of sorted) {
    if (r.outcome === 'slot-available') {
      annotations.push({
        level: 'notice',
        title: `Créneau disponible — ${r.prefecture} / ${r.motif}`,
        message: `${r.motifLabel} — capture ${r.id}`,
      });
    } else if (NEEDS_CARE.includes(r.outcome)) {
      annotations.push({
        level: 'warning',
        title: `${OUTCOME_LABELS[r.outcome]} — ${r.prefecture} / ${r.motif}`,
        message: `${decidingLine(deciding(r.evidence, null))} — capture ${r.id}`,
      });
    }
  }
  for (const e of expected) {
    if (!records.some((r) => r.prefecture === e.prefecture && r.motif === e.motif)) {
      annotations.push({
        level: 'error',
        title: `Non capturé — ${e.prefecture} / ${e.motif}`,
        message: `Aucune capture de ${e.prefecture} / ${e.motif} dans ce passage. La raison est dans le journal du job « capture (${e.prefecture}) ».`,
      });
    }
  }
  return { rows, annotations };
}

const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Writes the table to the job summary and the annotations to the run (no-op outside GitHub Actions). */
export async function reportRun(report: { rows: Row[]; annotations: Annotation[] }, heading: string): Promise<void> {
  for (const a of report.annotations) core[a.level](a.message, { title: a.title });
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const header = ['Préfecture', 'Motif', 'Résultat', 'Heure (Paris)', 'Image'].map((data) => ({ data, header: true }));
  const body = report.rows.map((r) => [
    html(r.prefecture),
    html(r.motif),
    html(r.outcome),
    r.time,
    `<a href="${html(r.image)}">image</a>`,
  ]);
  const summary = core.summary.addHeading(heading, 2);
  if (body.length > 0) summary.addTable([header, ...body]);
  else summary.addRaw('Aucune capture dans ce passage.', true);
  await summary.write();
}
