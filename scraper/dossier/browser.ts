/**
 * Browser entry of the dossier bundle (built by bundle.ts): wires every `form[data-dossier]` written by
 * site/render/dossier-form.ts. On submit it reads the site's gzip JSON index, fetches the published images,
 * builds the same PDF as the command line with the same module, and hands it over as a download. Nothing
 * leaves the browser.
 */
import { buildDossier, dossierFileName, sizeText } from './build.ts';
import { sha256Of } from './image.ts';
import { declaredDate, type OwnPiece } from './own-pieces.ts';
import { DossierInputError, parsePeriod } from './select.ts';
import { capturePageUrl, imageUrl, readIndex, recordsFromIndex, type IndexedRecord } from './site-records.ts';
import { SITE_OUTCOMES, type Outcome } from '../outcome/outcomes.ts';
import { plural } from '../evidence/french.ts';

async function fetchBytes(url: string): Promise<Uint8Array | null> {
  try {
    const response = await fetch(url);
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

function download(pdf: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** One file the person chose, read and hashed in the page. */
async function readOwnPiece(file: File): Promise<OwnPiece> {
  const data = new Uint8Array(await file.arrayBuffer());
  return {
    name: file.name,
    bytes: file.size,
    sha256: await sha256Of(data),
    declared: declaredDate(data, file.lastModified),
  };
}

async function submit(form: HTMLFormElement, say: (text: string) => void): Promise<void> {
  const data = form.dataset as Record<string, string>;
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  const { from, to } = parsePeriod(field('from').value, field('to').value, { from: '« Du »', to: '« au »' });
  const checked = [...form.querySelectorAll<HTMLInputElement>('input[name="outcome"]:checked')].map(
    (i) => i.value as Outcome,
  );
  if (checked.length === 0) throw new DossierInputError('Cochez au moins un résultat à inclure.');
  const outcomes = checked.length === SITE_OUTCOMES.length ? null : checked;
  const criteria = {
    prefecture: data.prefecture!,
    motif: data.motif!,
    from,
    to,
    onePerDay: field('one-per-day').checked,
    outcomes,
  };
  // The person's own files are read and hashed here; their bytes never leave the page.
  const ownPieces = await Promise.all([...(field('own')?.files ?? [])].map(readOwnPiece));
  // Images and the index come from where the site is being read; printed links point at its public address.
  const root = new URL(data.siteRoot ?? './', location.href).href;
  const siteUrl = data.siteUrl || (location.protocol.startsWith('http') ? root : null);

  say('Lecture de l’index des captures…');
  const indexUrl = new URL(data.index!, root).href;
  const response = await fetch(indexUrl);
  if (!response.ok) throw new Error(`${indexUrl} : HTTP ${response.status}`);
  const records = recordsFromIndex(
    await readIndex(new Uint8Array(await response.arrayBuffer())),
    criteria.prefecture,
    criteria.motif,
  );
  // Many captures share one image (the same page, byte for byte): recent images are kept, not fetched again.
  const recent = new Map<string, Promise<Uint8Array | null>>();
  const loadImage = (r: IndexedRecord) => {
    if (!r.imagePublished) return Promise.resolve(null);
    const url = imageUrl(root, r);
    const bytes = recent.get(url) ?? fetchBytes(url);
    recent.delete(url);
    recent.set(url, bytes);
    if (recent.size > 16) recent.delete(recent.keys().next().value!);
    return bytes;
  };
  const dossier = await buildDossier({
    records,
    criteria,
    loadImage,
    imageLocation: (r) =>
      r.imagePublished
        ? imageUrl(root, r)
        : `${imageUrl(root, r)} (image non publiée sur le site, faute de place : elle est dans la branche archive du dépôt)`,
    siteUrl,
    // The oldest captures have no page on the site (its size budget): their rows link nowhere rather than to a missing page.
    pageUrl: (r) => (siteUrl && r.pagePublished ? capturePageUrl(siteUrl, r) : null),
    repository: data.repository || null,
    generatedAt: new Date().toISOString(),
    onProgress: (done, total) => say(`Capture ${done} sur ${total}…`),
    ownPieces,
  });
  download(dossier.pdf, dossierFileName(criteria));
  const warnings = [
    dossier.summary.fewWeeks ? 'moins de 3 semaines distinctes (signalé dans le résumé)' : '',
    dossier.problems.length
      ? `${plural(dossier.problems.length, 'image manquante, signalée', 'images manquantes, signalées')} dans le dossier`
      : '',
  ].filter(Boolean);
  say(
    `PDF créé : ${plural(dossier.records.length, 'capture', 'captures')}, ${plural(dossier.pageCount, 'page', 'pages')}, ${sizeText(dossier.pdf.length)}.${warnings.length ? ` Attention : ${warnings.join(' ; ')}.` : ''}`,
  );
}

function wire(form: HTMLFormElement): void {
  const status = form.querySelector<HTMLElement>('[data-dossier-status]');
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (button) button.disabled = true;
    submit(form, say)
      .catch((error: unknown) =>
        say(
          error instanceof DossierInputError
            ? error.message
            : `Le dossier n’a pas pu être créé : ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => {
        if (button) button.disabled = false;
      });
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-dossier]')) wire(form);
