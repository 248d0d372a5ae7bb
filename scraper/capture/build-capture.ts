/** Turns a captured attempt into the files of a capture: page image, thumbnail and record. */
import type { AttemptResult } from '../navigate/attempt.ts';
import type { Motif, Target } from '../target/schema.ts';
import { captureId, captureFiles } from '../archive/paths.ts';
import type { CaptureFiles } from '../archive/write.ts';
import { maskIdentifiers } from '../evidence/identifiers.ts';
import { cappedPageImage, sha256Hex, thumbnail } from '../evidence/images.ts';
import { normalisePageText } from '../evidence/page-text.ts';
import { matchedTextOf } from '../evidence/quote.ts';
import { RECORD_VERSION, recordSchema, type EvidenceRecord, type Provenance } from '../evidence/record.ts';

export interface BuildInput {
  target: Target;
  motif: Motif;
  attempt: Extract<AttemptResult, { kind: 'captured' }>;
  retries: EvidenceRecord['retries'];
  provenance: Provenance;
  assisted: boolean;
  /** A witness session's capture: a person browsed, the tool took the page. */
  mode?: 'witness';
  /** A witness capture on a page no target file describes: its platform as told by its address. */
  platform?: string;
}

const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The record and the files of a capture, with each file's SHA-256 (computed once, for the record and the manifest). */
export async function buildCapture(
  input: BuildInput,
): Promise<{ record: EvidenceRecord; files: CaptureFiles; hashes: Record<keyof CaptureFiles, string | undefined> }> {
  const { target, motif, attempt } = input;
  const { outcome, description, quote, rule, facts, signals } = attempt.verdict;
  const image = await cappedPageImage(attempt.png);
  const realHeight = attempt.cutFromHeight ?? image.cutFrom;
  const thumb = await thumbnail(image.png);
  const key = { prefecture: target.id, motif: motif.id, capturedAt: attempt.capturedAt };
  const names = captureFiles(key);
  const text = Buffer.from(normalisePageText(attempt.snapshot.text));
  const hashes = { image: sha256Hex(image.png), thumbnail: sha256Hex(thumb), text: sha256Hex(text) };
  const record: EvidenceRecord = recordSchema.parse({
    version: RECORD_VERSION,
    id: captureId(key),
    prefecture: target.id,
    prefectureName: target.name,
    motif: motif.id,
    motifLabel: motif.label,
    motifVerified: motif.verified === true,
    platform: input.platform ?? motif.platform,
    capturedAt: attempt.capturedAt,
    startedAt: input.retries[0]?.at ?? attempt.startedAt,
    outcome,
    // A dossier number or a token in an address would be published with the record.
    url: maskIdentifiers(attempt.snapshot.url),
    startUrl: maskIdentifiers(attempt.startUrl),
    evidence: {
      matchedText: matchedTextOf(attempt.verdict),
      description,
      ...(quote ? { quote } : {}),
      httpStatus: attempt.snapshot.status,
      serverDate: attempt.serverDate,
      title: attempt.snapshot.title,
      step: attempt.steps.at(-1)?.name ?? 'open',
      ...attempt.server,
      rule,
      ...(Object.keys(facts).length > 0 ? { facts } : {}),
      signals,
      ...(realHeight !== null ? { truncated: { height: realHeight } } : {}),
      ...(attempt.masked?.length ? { masked: attempt.masked } : {}),
      ...(attempt.snapshot.dialogs.length > 0 ? { dialogs: attempt.snapshot.dialogs } : {}),
    },
    steps: attempt.steps.map((step) => ({ ...step, url: maskIdentifiers(step.url) })),
    retries: input.retries,
    durationMs: Date.parse(attempt.capturedAt) - Date.parse(input.retries[0]?.at ?? attempt.startedAt),
    assisted: input.assisted,
    ...(input.mode ? { mode: input.mode } : {}),
    image: fileName(names.image),
    sha256: hashes.image,
    imageSize: { width: image.width, height: image.height, bytes: image.png.length },
    thumbnail: fileName(names.thumbnail),
    thumbnailSha256: hashes.thumbnail,
    text: fileName(names.text),
    textSha256: hashes.text,
    provenance: input.provenance,
  });
  const recordFile = Buffer.from(JSON.stringify(record, null, 2) + '\n');
  return {
    record,
    files: { image: image.png, thumbnail: thumb, text, record: recordFile },
    hashes: { ...hashes, record: sha256Hex(recordFile) },
  };
}
