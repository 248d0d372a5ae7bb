/**
 * The personal dossier's PDF: what it is, the checks a judge looks at, every step with its date, note, files'
 * SHA-256 and timestamps, the attempts since a court order, the public archive as third-party context, and what
 * the file does not prove. Same drawing kit as the motif dossier (pdf.ts); text only, so it reads back whole. Pure.
 */
import { plural } from '../../evidence/french.ts';
import { parisDateTime, parisTime } from '../../evidence/time.ts';
import { OUTCOME_LABELS } from '../../outcome/outcomes.ts';
import type { DossierRecord } from '../entry.ts';
import { addPage, createFlow, createKit, drawFooters, GREY } from '../pdf.ts';
import { longDay } from '../select.ts';
import { summarize } from '../summary.ts';
import { personalChecks, sinceOrder, type Check, type PersonalStep } from './checks.ts';

interface PersonalDossierInput {
  steps: PersonalStep[];
  from: string;
  to: string;
  /** Paris day of the court order, for an application to enforce it. */
  orderDay: string | null;
  /** The public archive's captures of the same motif over the period, with what they are. */
  context: { label: string; source: string; records: DossierRecord[] } | null;
  generatedAt: string;
}

/** Public captures listed one per line; beyond, only counted (the statistics cover them all). */
const CONTEXT_LINES = 60;

const when = (iso: string) => parisTime(iso).format('ddd DD/MM/YYYY HH:mm:ss');

export async function drawPersonalDossier(
  input: PersonalDossierInput,
): Promise<{ pdf: Uint8Array; checks: Check[]; since: ReturnType<typeof sinceOrder> | null }> {
  const kit = await createKit({
    title: 'Dossier personnel — démarches et tentatives de rendez-vous',
    subject: `Du ${input.from} au ${input.to}`,
    generatedAt: input.generatedAt,
  });
  const flow = createFlow(kit, addPage(kit));
  const { steps } = input;
  const labels = input.context ? [input.context.label] : [];
  const checks = personalChecks(steps, labels);
  const since = input.orderDay ? sinceOrder(steps, input.orderDay) : null;
  const number = new Map(steps.map((s, i) => [s, i + 1]));

  flow.heading('Dossier personnel — démarches et tentatives de rendez-vous', 18);
  flow.paragraph(
    `Du ${longDay(input.from)} au ${longDay(input.to)} (heure de Paris). Établi le ${parisDateTime(input.generatedAt)} par Screen ta préfecture, ` +
      'à partir des seules pièces de la personne : ses captures en mode témoin et les démarches notées dans son journal, avec leurs fichiers. ' +
      'Ces pièces sont privées : elles ne sont ni publiées ni mises sur le site du projet. Ce dossier n’est pas un constat de commissaire de justice.',
  );
  flow.paragraph(
    `${plural(steps.length, 'pièce', 'pièces')} : ${plural(steps.filter((s) => s.kind === 'capture').length, 'capture témoin', 'captures témoin')}, ` +
      `${plural(steps.filter((s) => s.kind !== 'capture').length, 'démarche notée au journal', 'démarches notées au journal')}.`,
  );

  flow.heading('1. Ce que regarde le juge');
  flow.paragraph(
    'Chaque point dit « fait », « manque » ou « à vérifier », d’après les seules pièces de ce dossier ; une date notée au journal est déclarée par la personne, pas constatée par l’outil.',
    { size: 9, color: GREY },
  );
  for (const check of [...checks, ...(since ? [since.check] : [])]) {
    flow.paragraph(`${check.point} : ${check.verdict}`, { font: 'bold' });
    flow.paragraph(check.text, {}, 12);
  }

  flow.heading('2. Tentatives et démarches, dans l’ordre');
  if (steps.length === 0) flow.paragraph('Aucune pièce sur cette période.');
  for (const step of steps) drawStep(flow, step, number.get(step)!);

  if (since) {
    flow.heading(`3. Depuis l’ordonnance du ${longDay(input.orderDay!)}`);
    flow.paragraph(since.check.text);
    flow.paragraph(
      since.steps.length > 0
        ? `Pièces de cette période : ${since.steps.map((s) => `n° ${number.get(s)} (${parisTime(s.at).format('DD/MM/YYYY HH:mm')})`).join(', ')}.`
        : 'Aucune pièce depuis cette date.',
    );
  }

  if (input.context) drawContext(flow, input.context, since ? 4 : 3);

  flow.heading('Ce que ce dossier ne prouve pas');
  for (const line of [
    'Une date notée au journal est celle que la personne a donnée ; l’outil atteste seulement quand elle l’a notée (horodatage du manifeste) et que les fichiers n’ont pas changé depuis.',
    'Un fichier joint (courriel, photo, accusé de réception) est cité par son nom et son empreinte SHA-256, qui montre qu’il n’a pas changé depuis son dépôt, pas qui l’a écrit ni qu’il a été reçu.',
    'Seuls sont cités les horodatages RFC 3161 vérifiés comme le fait npm run verify (signature, certificats de l’autorité, empreinte du manifeste) ; ceux d’une autorité dont les certificats ne sont pas fournis (--tsa-roots) sont tus, pas inventés.',
    'Une capture témoin montre la page que la personne voyait à cet instant, classée par l’outil ; une page d’erreur est une erreur du site, pas une absence de créneau.',
  ])
    flow.bullet(line, { size: 9 });
  drawFooters(kit, 'Dossier personnel — Screen ta préfecture — pièces privées, non publiées');
  return { pdf: await kit.doc.save(), checks, since };
}

type Flow = ReturnType<typeof createFlow>;

function drawStep(flow: Flow, step: PersonalStep, n: number): void {
  const declared = step.kind === 'capture' ? '' : ' (heure déclarée)';
  flow.paragraph(`${n}. ${when(step.at)}${declared} — ${step.what}`, { font: 'bold', size: 10 });
  if (step.note) flow.paragraph(`Note de la personne : ${step.note}`, {}, 12);
  for (const file of step.files) {
    flow.paragraph(`Fichier : ${file.name}`, { size: 9 }, 12);
    flow.paragraph(`SHA-256 ${file.sha256}`, { font: 'mono', size: 8 }, 12);
  }
  if (step.kind !== 'capture' && step.files.length === 0) flow.paragraph('Aucun fichier joint.', { size: 9 }, 12);
  flow.paragraph(
    step.timestamps.length > 0
      ? `Horodatage RFC 3161 vérifié : ${step.timestamps.map((t) => `${t.authority}, ${parisTime(t.genTime).format('DD/MM/YYYY HH:mm:ss')}`).join(' ; ')}`
      : 'Aucun horodatage RFC 3161 vérifié.',
    { size: 9 },
    12,
  );
  flow.paragraph(`Dans l’archive personnelle : ${step.source}`, { size: 8, color: GREY }, 12);
  if (step.altered.length > 0)
    flow.paragraph(
      `ATTENTION : ${step.altered.join(', ')} ne correspond plus à son empreinte ; cette pièce n’est pas comptée.`,
      { font: 'bold', size: 9 },
      12,
    );
}

function drawContext(flow: Flow, context: NonNullable<PersonalDossierInput['context']>, section: number): void {
  flow.heading(`${section}. Contexte : archive publique (pièces de tiers)`);
  flow.paragraph(
    `Captures de la démarche « ${context.label} » faites par d’autres (le robot du projet et ses bénévoles), lues depuis ${context.source}. ` +
      'Elles montrent que la démarche est fermée à tous ; elles ne remplacent pas les tentatives de la personne, que le juge demande.',
  );
  const { records } = context;
  if (records.length === 0) {
    flow.paragraph('Aucune capture publique de cette démarche sur la période.');
    return;
  }
  const summary = summarize(records);
  flow.paragraph(
    `${plural(summary.attempts, 'capture', 'captures')} sur ${plural(summary.days.length, 'jour', 'jours')} et ${plural(summary.weeks.length, 'semaine ISO', 'semaines ISO')}, ` +
      `de ${summary.earliest.time} à ${summary.latest.time} : ${summary.outcomes.map((o) => `${OUTCOME_LABELS[o.outcome]} ${o.count}`).join(', ')}.`,
  );
  const sorted = [...records].sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
  for (const r of sorted.slice(-CONTEXT_LINES))
    flow.paragraph(
      `${parisTime(r.capturedAt).format('DD/MM/YYYY HH:mm')}  ${OUTCOME_LABELS[r.outcome]}  ${r.id}  SHA-256 ${r.sha256}`,
      { font: 'mono', size: 6.5 },
    );
  if (sorted.length > CONTEXT_LINES)
    flow.paragraph(
      `Les ${sorted.length - CONTEXT_LINES} captures plus anciennes de la période sont comptées ci-dessus, non listées.`,
      { size: 9 },
    );
}
