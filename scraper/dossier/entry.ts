/**
 * What a dossier knows of a capture: the exhibit banner's fields, the préfecture and motif, and a few
 * provenance facts for the method annex. Small enough to be published for the browser form
 * (site/pipeline/dossier-index.ts) and read the same way from the archive by the command line. Pure.
 */
import { z } from 'zod';
import { recordSchema, type EvidenceRecord, type Provenance } from '../evidence/record.ts';

const text = z.string().min(1);
const evidence = recordSchema.shape.evidence.shape;

/** Where and with what a capture was made, as short texts (see provenance.ts for the full record). */
const provenanceFactsSchema = z.object({
  /** `chromium 156.0.0.0` */
  browser: text,
  /** `GitHub Actions, GitHub Actions 1 (linux 6.8.0 x64)` or `machine locale (…)` */
  machine: text,
  publicIp: text.nullable(),
  proxy: z.boolean(),
  freshProfile: z.boolean(),
  /** `screen-ta-prefecture 0.1.0 (commit 0123456789ab)` */
  software: text,
  /** Server of the final page, `203.0.113.5:443`; absent when the record predates it, null when unknown. */
  server: text.nullable().optional(),
  /** `TLS 1.3, certificat pprdv.interieur.gouv.fr (émis par …), SHA-256 7409928e0601…` */
  tls: text.nullable().optional(),
  /** The server's `Date` minus our clock, in ms. */
  clockOffsetMs: z.number().nullable().optional(),
});
export type ProvenanceFacts = z.infer<typeof provenanceFactsSchema>;

/**
 * One RFC 3161 timestamp of the manifest that lists the capture: its signed time only once the reply passed the check
 * `npm run verify` makes (timestamp/read.ts), otherwise why not — never both.
 */
export type TimestampFact = { authority: string } & (
  { genTime: string; unverified?: undefined } | { unverified: string; genTime?: undefined }
);

/** A timestamp as an index gives it: one that claims a time and a failure is a failure; one that does not read, none. */
const timestampFactSchema = z
  .object({
    authority: text,
    genTime: z.iso.datetime({ offset: true }).optional().catch(undefined),
    unverified: text.optional(),
  })
  .transform(({ authority, genTime, unverified }): TimestampFact | null =>
    unverified !== undefined ? { authority, unverified } : genTime !== undefined ? { authority, genTime } : null,
  )
  .catch(null);

/**
 * What a dossier knows of a capture: the exhibit banner's fields (evidence/banner.ts), the préfecture and motif,
 * provenance facts for the method annex, the dates the page gave, the timestamps. Derived from the record's own
 * schema: one definition for the records the command line reads and for the index the browser form reads.
 */
export const dossierRecordSchema = recordSchema
  .pick({
    id: true,
    prefecture: true,
    prefectureName: true,
    motif: true,
    motifLabel: true,
    url: true,
    capturedAt: true,
    outcome: true,
    assisted: true,
    mode: true,
    sha256: true,
  })
  .extend({
    // What follows is read as far as it reads: a part that does not is left out, and vouches for nothing.
    /** Only what the banner says of the image and of the page's dialogs. */
    evidence: z
      .object({ masked: evidence.masked, truncated: evidence.truncated, dialogs: evidence.dialogs })
      .optional()
      .catch(undefined),
    provenance: provenanceFactsSchema.optional().catch(undefined),
    facts: evidence.facts.catch(undefined),
    timestamps: z
      .array(timestampFactSchema)
      .transform((stamps) => {
        const read = stamps.filter((t) => t !== null);
        return read.length > 0 ? read : undefined;
      })
      .optional()
      .catch(undefined),
  });
export type DossierRecord = z.infer<typeof dossierRecordSchema>;

export function provenanceFacts(p: Provenance): ProvenanceFacts {
  const { runner, software } = p;
  return {
    browser: `${p.browser.name} ${p.browser.version}`,
    machine:
      runner.kind === 'github-actions'
        ? `GitHub Actions, ${runner.runnerName || 'machine de GitHub'} (${runner.os})`
        : `machine locale (${runner.os})`,
    publicIp: p.publicIp,
    proxy: p.proxy,
    freshProfile: p.freshProfile,
    software: `${software.name} ${software.version}${software.commit ? ` (commit ${software.commit.slice(0, 12)})` : ''}`,
  };
}

/** What the record says of the server, for records that carry it (older ones have none of these keys). */
export function serverFacts(
  evidence: EvidenceRecord['evidence'],
): Pick<ProvenanceFacts, 'server' | 'tls' | 'clockOffsetMs'> {
  const { server, tls, clockOffsetMs } = evidence;
  return {
    ...(server !== undefined ? { server: server ? `${server.ip}:${server.port}` : null } : {}),
    ...(tls !== undefined
      ? {
          tls: tls
            ? [
                tls.protocol,
                tls.subject && `certificat ${tls.subject}${tls.issuer ? ` (émis par ${tls.issuer})` : ''}`,
                tls.sha256Fingerprint && `SHA-256 ${tls.sha256Fingerprint.slice(0, 16)}…`,
              ]
                .filter(Boolean)
                .join(', ')
            : null,
        }
      : {}),
    ...(clockOffsetMs !== undefined ? { clockOffsetMs } : {}),
  };
}

export function toDossierRecord(r: EvidenceRecord): DossierRecord {
  return {
    id: r.id,
    prefecture: r.prefecture,
    prefectureName: r.prefectureName,
    motif: r.motif,
    motifLabel: r.motifLabel,
    url: r.url,
    capturedAt: r.capturedAt,
    outcome: r.outcome,
    assisted: r.assisted,
    ...(r.mode ? { mode: r.mode } : {}),
    sha256: r.sha256,
    provenance: {
      ...provenanceFacts(r.provenance),
      // A person's own address is never printed (the index is published), even by a record that holds it.
      ...(r.mode === 'witness' ? { publicIp: null } : {}),
      ...serverFacts(r.evidence),
    },
    // Only when the page gave dates: most records have none, and this index is published.
    ...(r.evidence.facts && Object.keys(r.evidence.facts).length > 0 ? { facts: r.evidence.facts } : {}),
    // Only what the banner says beside the image: a masked captcha, a page cut to the size caps, the site's dialogs.
    ...(r.evidence.masked || r.evidence.truncated || r.evidence.dialogs
      ? {
          evidence: {
            ...(r.evidence.masked ? { masked: r.evidence.masked } : {}),
            ...(r.evidence.truncated ? { truncated: r.evidence.truncated } : {}),
            ...(r.evidence.dialogs ? { dialogs: r.evidence.dialogs } : {}),
          },
        }
      : {}),
  };
}
