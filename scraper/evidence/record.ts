/**
 * The evidence record: the small JSON file beside each page image. It carries everything that makes an
 * attempt unique (when, what the site answered, with what browser from where); the image carries the page.
 * The one definition of its shape; the site, the dossier and verify read records through it.
 */
import { z } from 'zod';
import { factsSchema } from '../outcome/facts.ts';
import { OUTCOMES } from '../outcome/outcomes.ts';

export const RECORD_VERSION = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'une empreinte SHA-256 en hexadécimal (64 caractères)');
const isoUtc = z.iso.datetime({ offset: false });

export const stepSchema = z.strictObject({
  /** What the bot did, e.g. `open`, `accept-conditions`, `choose-guichet`. */
  name: z.string(),
  /** URL of the page when the step ended. */
  url: z.string(),
  /** HTTP status of the page that the step led to, when one arrived. */
  status: z.number().int().nullable(),
  durationMs: z.number().int().min(0),
});

export const runnerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('local'), os: z.string() }),
  z.strictObject({
    kind: z.literal('github-actions'),
    os: z.string(),
    repository: z.string(),
    runId: z.string(),
    runUrl: z.string(),
    /** Label of the machine: `ubuntu-latest`, or an association's self-hosted runner. */
    runnerName: z.string(),
  }),
]);

/**
 * What the page said and what the tool concluded, kept apart: `quote` is the page's text word for word (the
 * only thing ever shown between quotation marks), `description` the tool's plain account (« 5 plages libres dans
 * le calendrier », « réponse HTTP 403 »). Both are in records made since they exist; see quote.ts for older ones.
 */
const said = {
  /** The tool's account of what it saw, in French; never quoted. */
  description: z.string().min(1).optional(),
  /** The page's text that says it, exactly as in the page text; absent when markup, a status or a count decided. */
  quote: z.string().min(1).optional(),
};

export const provenanceSchema = z.strictObject({
  browser: z.strictObject({ name: z.string(), version: z.string() }),
  userAgent: z.string(),
  viewport: z.strictObject({ width: z.number().int(), height: z.number().int() }),
  /** A new, empty browser profile for every attempt (no cookies, no cache): NF Z67-147 asks for it. */
  freshProfile: z.literal(true),
  /** Whether the requests went through a proxy (its address is not published). */
  proxy: z.boolean(),
  runner: runnerSchema,
  /** Public IP address of the machine as seen by an echo service; null when it could not be learnt. */
  publicIp: z.string().nullable(),
  software: z.strictObject({ name: z.string(), version: z.string(), commit: z.string().nullable() }),
});

export const recordSchema = z.strictObject({
  version: z.literal(RECORD_VERSION),
  /** `<prefecture>/<motif>/<stamp>`: unique, also the site URL of the capture. */
  id: z.string(),
  prefecture: z.string(),
  prefectureName: z.string(),
  motif: z.string(),
  motifLabel: z.string(),
  /**
   * Whether the motif's address had been confirmed on the real site when this capture was made (the target file's
   * `verified`); the site says « non vérifié » beside a motif whose newest record says false. Absent in older records.
   */
  motifVerified: z.boolean().optional(),
  platform: z.string(),
  /** When the page image was taken (ISO 8601, UTC). */
  capturedAt: isoUtc,
  startedAt: isoUtc,
  outcome: z.enum(OUTCOMES),
  /** URL of the final page, as the browser showed it. */
  url: z.string(),
  /** URL the attempt started from (the booking form, or the index page that links to it). */
  startUrl: z.string(),
  evidence: z.strictObject({
    /**
     * What decided the outcome, as older records say it: page text, or the tool's words (a count, a status).
     * Records made since `description` exists put here their `quote`, or else their `description`.
     */
    matchedText: z.string(),
    ...said,
    httpStatus: z.number().int().nullable(),
    /** The préfecture's own clock: the `Date` header of the final response. */
    serverDate: z.string().nullable(),
    title: z.string(),
    /** Last step the bot completed. */
    step: z.string(),
    /** Address and port of the server that sent the final page (NF Z67-147); absent in older records. */
    server: z.strictObject({ ip: z.string(), port: z.number().int() }).nullable().optional(),
    /** For HTTPS: the connection and the certificate the browser was shown. */
    tls: z
      .strictObject({
        protocol: z.string().nullable(),
        subject: z.string().nullable(),
        issuer: z.string().nullable(),
        validFrom: isoUtc.nullable(),
        validTo: isoUtc.nullable(),
        /** SHA-256 of the certificate (DER), as `openssl x509 -fingerprint -sha256` shows it, in lower case without colons. */
        sha256Fingerprint: sha256.nullable(),
      })
      .nullable()
      .optional(),
    /** The server's `Date` minus our clock when its answer arrived, in ms (`Date` counts whole seconds). */
    clockOffsetMs: z.number().int().nullable().optional(),
    /**
     * Captcha walls only: selectors of what was covered by a « code de sécurité masqué » box before the
     * screenshot, because it changes at every load (navigate/mask.ts). Absent when nothing was masked.
     */
    masked: z.array(z.string()).min(1).optional(),
    // Added after the first records: optional, so that those still read.
    /** Stable name of the rule that decided (outcome/rules.ts, docs/resultats.md); a plain string, so
     *  that a record names its rule even for a reader that does not know it. */
    rule: z.string().optional(),
    /** Dates the page gives: next slot, last and next publication of slots. */
    facts: factsSchema.optional(),
    /** Every signal the page carried, the deciding one included: all of them when they contradict. */
    signals: z
      .array(
        z.union([
          z.strictObject({ rule: z.string(), outcome: z.enum(OUTCOMES), description: z.string(), quote: said.quote }),
          // Before `description`: page text and the tool's words mixed in `text`.
          z.strictObject({ rule: z.string(), outcome: z.enum(OUTCOMES), text: z.string() }),
        ]),
      )
      .optional(),
    /**
     * The native dialogs the page opened during the attempt (`alert`, `confirm`, `prompt`, `beforeunload`), in
     * order, with their words as shown: the screenshot cannot show them. Their words are quotable like the page's
     * (a quote may come from one). Absent when there were none, and in older records.
     */
    dialogs: z
      .array(
        z.strictObject({
          at: isoUtc,
          type: z.enum(['alert', 'confirm', 'prompt', 'beforeunload']),
          message: z.string().min(1),
        }),
      )
      .min(1)
      .optional(),
    /**
     * Present when the page image is not the whole page: it was cut to the image caps (height, bytes;
     * navigate/attempt.ts, evidence/images.ts). `height` is the page's real height in CSS px.
     */
    truncated: z.strictObject({ height: z.number().int().min(0) }).optional(),
  }),
  steps: z.array(stepSchema),
  /** Earlier tries of this attempt that ended in a site error, before the one captured here. */
  retries: z.array(
    z.strictObject({ at: isoUtc, outcome: z.enum(OUTCOMES), matchedText: z.string(), description: said.description }),
  ),
  durationMs: z.number().int().min(0),
  /** True when a person solved a captcha in an assisted run; the bot never solves one itself. */
  assisted: z.boolean(),
  /**
   * `witness`: a person browsed and asked for the capture (`npm run witness`); the tool only took and recorded
   * the page. Absent for the bot's own attempts.
   */
  mode: z.enum(['witness']).optional(),
  /** File name of the page image (lossless PNG of the full page), beside the record. */
  image: z.string(),
  sha256,
  imageSize: z.strictObject({ width: z.number().int(), height: z.number().int(), bytes: z.number().int() }),
  /** File name of the small WebP preview, beside the record. */
  thumbnail: z.string(),
  thumbnailSha256: sha256,
  /** File name of the page's visible text, normalised (`<stamp>.txt`, beside the record); absent in older records. */
  text: z.string().optional(),
  textSha256: sha256.optional(),
  provenance: provenanceSchema,
});

export type EvidenceRecord = z.infer<typeof recordSchema>;
export type Provenance = z.infer<typeof provenanceSchema>;
export type Step = z.infer<typeof stepSchema>;
export type Runner = z.infer<typeof runnerSchema>;
