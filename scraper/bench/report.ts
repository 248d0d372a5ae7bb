/**
 * How the bench says its figures, pure: French units, the verdict of each target (« OK » when met,
 * « INSUFFISANT » when short, « non mesuré » with the reason) and the plain-text table.
 */

const number = (value: number, digits: number) =>
  value.toLocaleString('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const seconds = (ms: number) => (ms < 10_000 ? `${number(ms / 1000, 2)} s` : `${number(ms / 1000, 1)} s`);

/** Decimal units, as GitHub states its limits (1 GB = 10⁹ bytes). */
export function bytes(value: number): string {
  if (value < 1000) return `${number(value, 0)} o`;
  if (value < 1e6) return `${number(value / 1e3, 1)} Ko`;
  if (value < 1e9) return `${number(value / 1e6, 1)} Mo`;
  return `${number(value / 1e9, 2)} Go`;
}

export const count = (value: number) => number(value, 0);
export const ratio = (value: number) => `${number(value, value < 10 ? 2 : 0)}×`;

export type Verdict = 'OK' | 'INSUFFISANT' | 'non mesuré';

export interface Check {
  /** What the target is about, e.g. « Surcoût de capture (médiane moteur ÷ naïf) ». */
  label: string;
  measured: string;
  target: string;
  /** measured ÷ limit, the figure the verdict rests on; null when not measured or when it must equal the limit. */
  ratio: number | null;
  verdict: Verdict;
  /** Why it was not measured, or what the figure leaves out. */
  note?: string;
}

export interface Limit {
  label: string;
  measured: number;
  limit: number;
  /** 'at-most': measured ≤ limit; 'below': measured < limit; 'above': measured > limit; 'equal': measured = limit. */
  rule: 'at-most' | 'below' | 'above' | 'equal';
  format: (value: number) => string;
  note?: string;
}

const RULE_WORDS = { 'at-most': '≤', below: '<', above: '>', equal: '=' } as const;

const MET = {
  'at-most': (measured: number, limit: number) => measured <= limit,
  below: (measured: number, limit: number) => measured < limit,
  above: (measured: number, limit: number) => measured > limit,
  equal: (measured: number, limit: number) => measured === limit,
};

export const targetText = ({ rule, limit, format }: Pick<Limit, 'rule' | 'limit' | 'format'>) =>
  `${RULE_WORDS[rule]} ${format(limit)}`;

export function judge({ label, measured, limit, rule, format, note }: Limit): Check {
  const valid = Number.isFinite(measured);
  return {
    label,
    measured: valid ? format(measured) : '—',
    target: targetText({ rule, limit, format }),
    ratio: valid && rule !== 'equal' ? measured / limit : null,
    verdict: valid ? (MET[rule](measured, limit) ? 'OK' : 'INSUFFISANT') : 'non mesuré',
    ...(note ? { note } : {}),
  };
}

export function notMeasured(label: string, target: string, reason: string): Check {
  return { label, measured: '—', target, ratio: null, verdict: 'non mesuré', note: reason };
}

/** Columns padded to their widest cell; the first row is the header, underlined. */
export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => [...(row[col] ?? '')].length)));
  const line = (row: string[]) =>
    row
      .map((cell, col) => cell + ' '.repeat(widths[col]! - [...cell].length))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
}

export function checkRows(checks: Check[]): string[] {
  const rows = checks.map((c) => [
    c.label,
    c.measured,
    c.target,
    c.ratio === null ? '—' : ratio(c.ratio),
    c.verdict === 'non mesuré' ? `non mesuré : ${c.note ?? ''}` : c.verdict,
  ]);
  return table([['Objectif', 'Mesuré', 'Cible', 'Rapport', 'Verdict'], ...rows]);
}
