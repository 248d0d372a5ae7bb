/**
 * The site as its readers meet it, many on a phone: built from a generated archive whose motifs end on
 * every state (slot, no slot, captcha, page not recognised), read in real Chromium at 390 × 844 and
 * 1280 × 800. On the home, préfecture, motif, month and capture pages: axe-core finds no violation, the
 * page never scrolls sideways, the motif's status sentence is in the first phone screen, chart labels
 * are 12 px or more, titles fit in 70 characters, every file asked for exists (the favicon too). The
 * dossier bundle is fetched only once the form is used. With STP_DOCS_SHOTS=1 the phone screenshot of the
 * home page is written to docs/site-accueil-telephone.png, where docs/site.md shows it.
 */
import assert from 'node:assert/strict';
import { copyFile, readdir, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { generateArchive, DEFAULT_MOTIFS } from '../scraper/bench/archive-generator.ts';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { launchBrowser } from '../scraper/navigate/browser.ts';
import { paths } from '../site/model/urls.ts';
import { ROOT, tempDir } from './helpers.ts';
import { buildAndServe } from './static-server.ts';
import { axeViolations } from './axe.ts';

const MOTIFS = [
  ...DEFAULT_MOTIFS,
  {
    prefecture: 'seine-saint-denis',
    prefectureName: 'Préfecture de la Seine-Saint-Denis (Bobigny)',
    motif: 'titre-sejour-etudiant',
    motifLabel: 'Première demande de titre de séjour étudiant',
  },
];
/** How each motif ends, in the order of MOTIFS. */
const LAST = ['captcha', 'slot-available', 'unrecognized', 'no-slot'] as const;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Rendered size in px of every chart label shown, and whether two labels of a chart overlap. */
function chartLabels(page: Page): Promise<{ sizes: number[]; overlaps: number }> {
  return page.evaluate(() => {
    const sizes: number[] = [];
    let overlaps = 0;
    for (const svg of document.querySelectorAll<SVGSVGElement>('svg.chart')) {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const shown = [...svg.querySelectorAll<SVGTextElement>('text.axis')].filter(
        (t) => getComputedStyle(t).display !== 'none',
      );
      for (const t of shown) sizes.push(parseFloat(getComputedStyle(t).fontSize) * scale);
      const ticks = shown.filter((t) => t.classList.contains('tick')).map((t) => t.getBoundingClientRect());
      for (let i = 1; i < ticks.length; i++) if (ticks[i]!.left < ticks[i - 1]!.right) overlaps++;
    }
    return { sizes, overlaps };
  });
}

describe('the site read on a phone and on a desktop', () => {
  let server: Server;
  let browser: Browser;
  let origin: string;
  let dir: string;
  let shots: string;
  let records: EvidenceRecord[];
  const pages: { name: string; path: string; status: boolean }[] = [];
  /** The last capture of the motif that ends on `outcome`. */
  const lastOf = (outcome: (typeof LAST)[number]) =>
    records.filter((r) => r.motif === MOTIFS[LAST.indexOf(outcome)]!.motif).at(-1)!;

  before(async () => {
    dir = await tempDir('stp-site-reading-');
    const archive = join(dir, 'archive');
    const out = join(dir, '_site');
    records = await generateArchive(archive, {
      captures: 160,
      from: '2026-01-20T05:00:00Z',
      everyHours: 12,
      seed: 7,
      motifs: MOTIFS,
      lastOutcomes: [...LAST],
    });
    ({ server, origin } = await buildAndServe(archive, out, 24 * 365));
    const slot = lastOf('slot-available');
    const month = slot.capturedAt.slice(0, 7);
    pages.push(
      { name: 'accueil', path: paths.home, status: true },
      { name: 'prefecture', path: paths.prefecture('seine-saint-denis'), status: true },
      { name: 'demarche', path: paths.motif(slot.prefecture, slot.motif), status: true },
      { name: 'mois', path: paths.month(slot.prefecture, slot.motif, month), status: false },
      { name: 'capture', path: paths.capture(slot.id), status: false },
    );
    shots = await tempDir('stp-site-reading-shots-');
    console.log(`Captures d'écran : ${shots}`);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const [device, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`on a ${device} (${viewport.width} × ${viewport.height}): no axe violation, no sideways scroll, short titles, nothing missing`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const failed: string[] = [];
      page.on('response', (r) => r.status() >= 400 && failed.push(r.url()));
      const problems: string[] = [];
      for (const { name, path, status } of pages) {
        await page.goto(new URL(path, origin).href);
        await page.screenshot({ path: join(shots, `${device}-${name}.png`), fullPage: device === 'desktop' });
        for (const v of await axeViolations(page)) problems.push(`${name}: ${v}`);
        const wider = await sideways(page);
        if (wider > 0) problems.push(`${name}: ${wider} px de défilement horizontal`);
        const title = await page.title();
        if (title.length > 70) problems.push(`${name}: titre de ${title.length} caractères`);
        if (name === 'accueil' && device === 'phone') {
          const box = await page.locator('p.summary').boundingBox();
          if (!box || box.y + box.height > viewport.height / 2)
            problems.push(`${name}: ligne de résumé hors du haut du premier écran (${box?.y})`);
        }
        if (status && device === 'phone') {
          const box = await page.locator('p.status').first().boundingBox();
          if (!box || box.y + box.height > viewport.height)
            problems.push(`${name}: phrase d’état hors du premier écran (${box?.y})`);
        }
        if (!status && device === 'phone') {
          const box = await page.locator('h1').boundingBox();
          if (!box || box.y + box.height > viewport.height) problems.push(`${name}: titre hors du premier écran`);
        }
      }
      if (device === 'phone' && process.env.STP_DOCS_SHOTS)
        await copyFile(join(shots, 'phone-accueil.png'), join(ROOT, 'docs', 'site-accueil-telephone.png'));
      assert.deepEqual(problems, []);
      assert.deepEqual(failed, []);
      await context.close();
    });
  }

  it('says « Créneau disponible » in words and colour, with a link to book, and never « aucun créneau » about a captcha', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(origin);
    // One line over every motif first, then the motif with a slot before the others.
    assert.equal(
      await page.locator('p.summary').innerText(),
      '1 démarche avec un créneau vu, 1 sans créneau, 1 arrêtée avant la page des créneaux, 1 sur une page non reconnue.',
    );
    assert.match((await page.locator('p.status').first().getAttribute('class'))!, /\bslot\b/);
    const slot = page.locator('p.status.slot');
    assert.equal(await slot.count(), 1);
    assert.match((await slot.innerText())!, /^Créneau disponible\s+Créneau vu le \d/);
    assert.equal(await slot.getByRole('link').getAttribute('href'), lastOf('slot-available').startUrl);
    const colours = await slot.evaluate((p) => [
      getComputedStyle(p).backgroundColor,
      getComputedStyle(p).borderLeftColor,
    ]);
    assert.notEqual(colours[0], 'rgba(0, 0, 0, 0)');
    const stopped = await page.locator('p.status.stopped').innerText();
    assert.match(stopped, /^Page des créneaux non atteinte à la dernière tentative, le .+\s:\scaptcha\.$/);
    assert.match(await page.locator('p.status.unknown').innerText(), /^Page non reconnue/);
    assert.match(await page.locator('p.status.no-slot').innerText(), /^Aucun créneau/);
    for (const text of [stopped, await page.locator('p.status.unknown').innerText()])
      assert.doesNotMatch(text, /aucun créneau/i);
    await context.close();
  });

  it('keeps « » : ; ? ! % on the line of their words, in the text of every page', async () => {
    const out = join(dir, '_site');
    const entries = await readdir(out, { recursive: true, withFileTypes: true });
    const pagesRead = entries.filter((e) => e.isFile() && e.name.endsWith('.html'));
    const breaks: string[] = [];
    for (const entry of pagesRead) {
      const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
      for (const [, words] of text.matchAll(/>([^<]+)</g))
        if (/ [:;?!%»]|« /.test(words!)) breaks.push(`${entry.name}: ${words!.trim().slice(0, 80)}`);
    }
    assert.ok(pagesRead.length > 100, `${pagesRead.length} pages`);
    assert.deepEqual([...new Set(breaks)], []);
  });

  it('draws chart labels of 12 px or more that do not overlap, from 320 to 1280 px wide', async () => {
    const motif = pages.find((p) => p.name === 'demarche')!.path;
    for (const width of [320, 390, 600, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      await page.goto(new URL(motif, origin).href);
      const { sizes, overlaps } = await chartLabels(page);
      assert.ok(sizes.length >= 6, `${width} px: ${sizes.length} labels`);
      assert.ok(Math.min(...sizes) >= 12, `${width} px: labels of ${Math.min(...sizes).toFixed(1)} px`);
      assert.equal(overlaps, 0, `${width} px`);
      assert.ok((await sideways(page)) <= 0, `${width} px: sideways scroll`);
      await context.close();
    }
  });

  it('fetches the dossier bundle only when the form is used, with 16 px fields', async () => {
    const context = await browser.newContext({ viewport: PHONE, acceptDownloads: true });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => r.url().endsWith('.js') && scripts.push(new URL(r.url()).pathname.split('/').pop()!));
    await page.goto(new URL(pages.find((p) => p.name === 'demarche')!.path, origin).href);
    await page.getByRole('link', { name: 'Constituer un dossier' }).click();
    assert.deepEqual(scripts, ['site.js']);
    const sizes = await page
      .locator('form[data-dossier] input')
      .evaluateAll((inputs) => inputs.map((i) => parseFloat(getComputedStyle(i).fontSize)));
    assert.ok(sizes.length > 0 && sizes.every((s) => s >= 16), sizes.join(', '));
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByRole('button', { name: 'Créer le PDF' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.pdf$/);
    assert.deepEqual(scripts, ['site.js', 'dossier.js']);
    await context.close();
  });
});
