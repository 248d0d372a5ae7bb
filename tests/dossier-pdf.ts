/** Reading dossiers back with poppler-utils (pdfinfo, pdftotext), for the dossier tests. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tablePageCount } from '../scraper/dossier/table.ts';
import type { BannerRecord } from '../scraper/evidence/banner.ts';
import { parisTime } from '../scraper/evidence/time.ts';
import { OUTCOME_LABELS } from '../scraper/outcome/outcomes.ts';

const run = promisify(execFile);

/** Page count from pdfinfo. */
export async function pdfPages(file: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [file]);
  return Number(/^Pages:\s+(\d+)/m.exec(stdout)![1]);
}

/** Text of every page, from pdftotext (pages are separated by form feeds). */
export async function pdfTexts(file: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split('\f').slice(0, -1);
}

export const squash = (text: string) => text.replace(/\s+/g, ' ');

/** Every check a finished dossier must pass: pages, summary figures, table rows, one exhibit per capture. */
export async function checkDossier(file: string, records: readonly BannerRecord[]): Promise<string[]> {
  const pages = await pdfPages(file);
  const texts = await pdfTexts(file);
  assert.equal(texts.length, pages);
  const tableStart = texts.findIndex((t) => t.trimStart().startsWith('3. Tableau des tentatives')) + 1;
  assert.ok(tableStart > 3, 'the table follows cover, summary and notes');
  const exhibitsStart = tableStart + tablePageCount(records.length);
  assert.equal(pages, exhibitsStart - 1 + records.length, 'cover, summary, notes, table, then one page per capture');
  assert.match(squash(texts[1]!), new RegExp(`Tentatives présentées ${records.length}\\b`));
  const table = squash(texts.slice(tableStart - 1, exhibitsStart - 1).join(' '));
  for (const [i, record] of records.entries()) {
    const when = parisTime(record.capturedAt).format('DD/MM/YYYY HH:mm:ss');
    assert.ok(
      table.includes(
        squash(`${i + 1} ${parisTime(record.capturedAt).format('ddd')} ${when} ${OUTCOME_LABELS[record.outcome]}`),
      ),
      `table row ${i + 1} (${when})`,
    );
    const exhibit = squash(texts[exhibitsStart - 1 + i]!);
    assert.ok(exhibit.includes(`Capture ${i + 1} / ${records.length}`), `exhibit header ${i + 1}`);
    assert.ok(exhibit.includes(`SHA-256 de l’image ${record.sha256}`), `exhibit hash ${i + 1}`);
    assert.ok(exhibit.includes(`Capture ${record.id}`), `exhibit id ${i + 1}`);
  }
  return texts;
}
