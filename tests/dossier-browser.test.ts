/**
 * The dossier form in real Chromium, on the real site built from a generated archive and served on
 * loopback: the test picks dates, clicks, catches the download and checks the PDF with pdfinfo and
 * pdftotext like the command line's.
 */
import assert from 'node:assert/strict';
import { rm, utimes, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { buildSite } from '../site/build-site.ts';
import { paths } from '../site/model/urls.ts';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { parisTime } from '../scraper/evidence/time.ts';
import { launchBrowser } from '../scraper/navigate/browser.ts';
import sharp from 'sharp';
import { sha256Hex } from '../scraper/evidence/images.ts';
import { checkDossier, pdfTexts, squash } from './dossier-pdf.ts';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { tempDir } from './helpers.ts';
import { runDossier } from '../scraper/commands/dossier.ts';
import { addJournalEntry } from '../scraper/journal/store.ts';
import { serveFolder } from './static-server.ts';

describe('dossier form in the browser, on the built site', () => {
  let site: string;
  let records: EvidenceRecord[];
  let server: Server;
  let browser: Browser;
  let motifPage: string;
  /** The one image the test removes from the site: its captures must be listed as missing. */
  let removed: string;

  before(async () => {
    const dir = await tempDir('stp-dossier-browser-');
    records = (
      await generateArchive(join(dir, 'archive'), {
        captures: 3 * 4 * 24,
        from: '2026-01-05T05:00:00Z',
        everyHours: 6,
        seed: 9,
      })
    ).filter((r) => r.motif === 'aes-vpf-charcot');
    site = join(dir, 'site');
    await buildSite({
      archive: join(dir, 'archive'),
      out: site,
      budgetBytes: 900e6,
      allowBad: false,
      repository: 'exemple/screen-ta-prefecture',
      staleHours: 24,
    });
    removed = records.find((r) => r.outcome === 'site-error')!.sha256;
    await rm(join(site, paths.image(removed)));
    server = await serveFolder(site);
    motifPage = `http://localhost:${(server.address() as AddressInfo).port}/${paths.motif('paris', 'aes-vpf-charcot')}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  /** The motif page with the dates filled in. */
  async function open(from: string, to: string, javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true, javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(motifPage);
    if (javaScriptEnabled) {
      await page.fill('input[name="from"]', from);
      await page.fill('input[name="to"]', to);
    }
    return page;
  }

  /** Clicks « Créer le PDF » and saves the download; returns its file and suggested name. */
  async function download(page: Page): Promise<{ file: string; name: string }> {
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.click('button[type="submit"]'),
    ]);
    const name = file.suggestedFilename();
    await file.saveAs(join(site, '..', name));
    return { file: join(site, '..', name), name };
  }

  it('builds the PDF of the chosen period in the browser and downloads it', async () => {
    const page = await open('2026-01-05', '2026-01-25');
    const { file, name } = await download(page);
    assert.equal(name, 'dossier-paris-aes-vpf-charcot-2026-01-05-2026-01-25.pdf');
    const expected = records.filter((r) => parisTime(r.capturedAt).format('YYYY-MM-DD') <= '2026-01-25');
    const texts = await checkDossier(file, expected);
    assert.ok(
      squash(texts[0]!).includes(
        'Démarche Demande d’admission exceptionnelle au séjour au titre de la situation personnelle et familiale (CRE Charcot)',
      ),
    );
    assert.ok(squash(texts[0]!).includes('Archive publique https://exemple.github.io/screen-ta-prefecture/'));
    assert.ok(squash(texts[1]!).includes('Semaines distinctes (ISO 8601) 3 — 2026 : 2, 3, 4'));
    assert.ok(
      texts.some((t) => squash(t).includes('Navigateur : chromium 156.0.0.0.')),
      'provenance facts from the index',
    );
    const missing = expected.filter((r) => r.sha256 === removed);
    assert.ok(missing.length > 0);
    assert.equal(
      texts.filter((t) => t.includes('IMAGE MANQUANTE')).length,
      missing.length,
      'a capture whose image the site lacks is listed, not dropped',
    );
    await page.waitForFunction(() =>
      document.querySelector('[data-dossier-status]')?.textContent?.startsWith('PDF créé'),
    );
    assert.match(
      (await page.textContent('[data-dossier-status]'))!,
      new RegExp(
        `^PDF créé : ${expected.length} captures, ${texts.length} pages, .* Attention : ${missing.length} images manquantes`,
      ),
    );
    await page.context().close();
  });

  it('keeps one capture per day and the chosen outcomes, like the command line', async () => {
    const page = await open('2026-01-12', '2026-01-18');
    await page.check('input[name="one-per-day"]');
    for (const outcome of ['site-error', 'unrecognized', 'blocked', 'captcha', 'slot-available'])
      await page.uncheck(`input[value="${outcome}"]`);
    const { file } = await download(page);
    const days = new Map<string, EvidenceRecord>();
    for (const r of records) {
      const day = parisTime(r.capturedAt).format('YYYY-MM-DD');
      if (day >= '2026-01-12' && day <= '2026-01-18' && r.outcome === 'no-slot' && !days.has(day)) days.set(day, r);
    }
    const texts = await checkDossier(file, [...days.values()]);
    assert.ok(
      squash(texts[0]!).includes(
        'une tentative par jour (la première de chaque jour), résultats retenus : « Aucun créneau disponible »',
      ),
    );
    await page.context().close();
  });

  it('lists the person’s own files with their SHA-256 and the date they claim, and sends none of their bytes', async () => {
    const page = await open('2026-01-05', '2026-01-05');
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET' || r.postDataBuffer() !== null) sent.push(`${r.method()} ${r.url()}`);
    });
    assert.match(
      (await page.textContent('form[data-dossier] fieldset:has(input[name="own"])'))!,
      /elle ne prouve ni quand .* ni sur quel site, ni par qui/,
    );
    const photo = join(site, '..', 'capture-telephone.jpg');
    const shot = await sharp({ create: { width: 40, height: 80, channels: 3, background: '#f0f0f0' } })
      .jpeg()
      .withExif({ IFD0: { DateTime: '2026:01:04 21:07:33' } })
      .toBuffer();
    const mail = join(site, '..', 'relance-prefecture.pdf');
    const letter = Buffer.from('%PDF-1.4 relance à la préfecture, restée sans réponse');
    await Promise.all([writeFile(photo, shot), writeFile(mail, letter)]);
    await utimes(mail, new Date('2026-01-03T08:30:00Z'), new Date('2026-01-03T08:30:00Z'));
    await page.setInputFiles('input[name="own"]', [photo, mail]);
    const { file } = await download(page);
    const text = squash((await pdfTexts(file)).join(' '));
    assert.ok(text.includes('Annexe : pièces de la personne'));
    assert.ok(
      text.includes(
        `1. capture-telephone.jpg (${shot.length} octets) SHA-256 ${sha256Hex(shot)} Date déclarée : 04/01/2026 21:07:33 (métadonnées EXIF`,
      ),
      'the screenshot, its hash and its EXIF date',
    );
    assert.ok(
      text.includes(
        `2. relance-prefecture.pdf (${letter.length} octets) SHA-256 ${sha256Hex(letter)} Date déclarée : 03/01/2026 09:30:00 (date du fichier`,
      ),
      'the e-mail, its hash and its file date in Paris time',
    );
    assert.deepEqual(sent, [], 'no request carries anything out of the page');
    await page.context().close();
  });

  it('gives the published captures of the motif as context to a person’s own dossier (--public <site address>)', async (t) => {
    const own = await tempDir('stp-own-');
    const noTimestamps = { authorities: [], timeoutMs: 1000, rootDirs: [] as string[] };
    await addJournalEntry(
      own,
      { kind: 'courriel', at: '2026-01-06T09:00:00Z', note: 'Relance', files: [] },
      noTimestamps,
      () => undefined,
    );
    const out = join(own, 'mon-dossier.pdf');
    const root = new URL('/', motifPage).href;
    t.mock.method(console, 'log', () => undefined);
    const args = ['--personnel', '--archive', own, '--from', '2026-01-05', '--to', '2026-01-11', '--out', out];
    assert.equal(await runDossier([...args, '--public', root, '--target', 'paris', '--motif', 'aes-vpf-charcot']), 0);
    const text = squash((await pdfTexts(out)).join(' '));
    assert.match(text, new RegExp(`Contexte : archive publique \\(pièces de tiers\\) .* lues depuis ${root}`));
    const week = records.filter((r) => parisTime(r.capturedAt).format('YYYY-MM-DD') <= '2026-01-11');
    assert.match(text, new RegExp(`${week.length} captures sur 7 jours et 1 semaine ISO`));
    assert.ok(text.includes(week.at(-1)!.id), 'the latest published capture of the period is listed');
  });

  it('says what is wrong with the dates, in French, without downloading', async () => {
    const page = await open('2026-01-20', '2026-01-10');
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('[data-dossier-status]')?.textContent !== '');
    assert.match(
      (await page.textContent('[data-dossier-status]'))!,
      /^Période inversée : le début \(« Du » 2026-01-20\) est après la fin \(« au » 2026-01-10\)/,
    );
    await page.context().close();
  });

  it('shows the command line instead of the form without JavaScript', async () => {
    const page = await open('', '', false);
    assert.equal(await page.isVisible('form[data-dossier]'), false);
    assert.match(
      (await page.textContent('noscript'))!,
      /npm run dossier -- --target paris --motif aes-vpf-charcot --from 2026-01-05 --to 2026-01-28 --archive archive/,
    );
    await page.context().close();
  });
});
