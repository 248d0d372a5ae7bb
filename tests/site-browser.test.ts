/**
 * The site in real Chromium, served on loopback as GitHub Pages serves it: a visitor walks home →
 * préfecture → motif → month → capture with every image loaded, hostile text stays text, the stamped
 * exhibit downloads, printing gives one A4 sheet, and it all reads without JavaScript. Screenshots of each
 * page type are saved in a temp folder (printed) to be looked at.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright';
import sharp from 'sharp';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { launchBrowser } from '../scraper/navigate/browser.ts';
import { paths } from '../site/model/urls.ts';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { addHostileRecord, HOSTILE } from './fixtures/hostile.ts';
import { tempDir } from './helpers.ts';
import { buildAndServe } from './static-server.ts';

/** Every image of the page, lazy ones included, decoded: their natural widths. */
function imageWidths(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    Promise.all(
      [...document.images].map((img) => {
        img.loading = 'eager';
        return img.decode().then(
          () => img.naturalWidth,
          () => 0,
        );
      }),
    ),
  );
}

describe('site in the browser', () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let origin: string;
  let shots: string;
  let hostile: EvidenceRecord;
  let records: EvidenceRecord[];
  let dir: string;

  before(async () => {
    dir = await tempDir('stp-site-browser-');
    const archive = join(dir, 'archive');
    const out = join(dir, '_site');
    records = await generateArchive(archive, { captures: 240, from: '2026-01-20T05:00:00Z', everyHours: 12, seed: 4 });
    hostile = await addHostileRecord(archive, records);
    ({ server, origin } = await buildAndServe(archive, out, 24));
    shots = await tempDir('stp-site-shots-');
    console.log(`Captures d'écran du site : ${shots}`);
    browser = await launchBrowser();
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

  it('walks home → préfecture → motif → month → capture, every image loaded', async () => {
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('response', (r) => r.status() >= 400 && failed.push(r.url()));
    await page.goto(origin);
    await shot(page, '1-accueil');
    await page.getByRole('link', { name: 'Préfecture de police de Paris' }).click();
    assert.equal(await page.locator('h1').textContent(), 'Préfecture de police de Paris');
    await shot(page, '2-prefecture');
    await page
      .getByRole('heading', { level: 3 })
      .getByRole('link', { name: /CRE Charcot/ })
      .click();
    assert.match((await page.locator('h1').textContent())!, /CRE Charcot/);
    assert.equal(await page.locator('section#dossier').count(), 1);
    await shot(page, '3-motif');
    await page.locator('ul.months a').first().click();
    assert.match((await page.locator('h1').textContent())!, /^(janvier|février|mars) 2026/);
    const thumbnails = await imageWidths(page);
    assert.ok(thumbnails.length > 20 && thumbnails.every((w) => w === 320), `${thumbnails.length} thumbnails`);
    await shot(page, '4-mois');
    await page.locator('ul.cards a').nth(3).click();
    assert.match(page.url(), /\/paris\/aes-vpf-charcot\/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.html$/);
    assert.deepEqual(await imageWidths(page), [640]);
    assert.equal(await page.locator('figure.exhibit dl.banner > div').count(), 8);
    await shot(page, '5-capture');
    await page.getByRole('link', { name: /Capture suivante/ }).click();
    await page.getByRole('link', { name: /Capture précédente/ }).click();
    await page.goto(new URL(paths.data, origin).href);
    await shot(page, '6-donnees');
    assert.deepEqual(failed, []);
  });

  it('shows a hostile record’s HTML as text and runs none of its scripts', async () => {
    const page = await context.newPage();
    page.on('dialog', () => assert.fail('a dialog opened'));
    for (const path of [paths.capture(hostile.id), paths.home, paths.motif('seine-saint-denis', 'aes-le-raincy')]) {
      await page.goto(new URL(path, origin).href);
      assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, path);
      assert.ok((await page.locator('body').innerText()).includes(HOSTILE.motifLabel), path);
    }
    await page.goto(new URL(paths.capture(hostile.id), origin).href);
    const text = await page.locator('main').innerText();
    assert.ok(text.includes(HOSTILE.matchedText) && text.includes(HOSTILE.title) && text.includes(HOSTILE.url));
    await shot(page, '7-capture-hostile');
  });

  it('downloads the stamped exhibit built in the browser, the banner under the image', async () => {
    const page = await context.newPage();
    const record = records.find((r) => r.motif === 'aes-travail-truffaut')!;
    await page.goto(new URL(paths.capture(record.id), origin).href);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger la pièce tamponnée (PNG)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `${record.id.replaceAll('/', '_')}-piece.png`);
    const file = join(shots, '8-piece-tamponnee.png');
    await download.saveAs(file);
    const meta = await sharp(file).metadata();
    assert.equal(meta.width, record.imageSize.width);
    assert.ok(meta.height! > record.imageSize.height + 150, `${meta.height} px: image and banner`);
  });

  it('prints a capture page as one A4 page: image and banner', async () => {
    const page = await context.newPage();
    await page.goto(new URL(paths.capture(records[5]!.id), origin).href);
    const pdf = join(shots, '9-impression.pdf');
    await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
    const { stdout } = await promisify(execFile)('pdfinfo', [pdf]);
    assert.match(stdout, /^Pages:\s+1$/m);
    await promisify(execFile)('pdftoppm', ['-png', '-r', '60', pdf, join(shots, '9-impression')]);
    const { stdout: text } = await promisify(execFile)('pdftotext', [pdf, '-']);
    assert.ok(text.replace(/\s/g, '').includes(records[5]!.sha256) && text.includes('Date et heure (Paris)'), text);
  });

  it('reads without JavaScript: image, banner and links, no download button', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const page = await noScript.newPage();
    await page.goto(new URL(paths.capture(records[9]!.id), origin).href);
    assert.deepEqual(await page.evaluate(() => [...document.images].map((i) => i.naturalWidth)), [640]);
    assert.ok(await page.locator('dl.banner').isVisible());
    assert.equal(await page.getByRole('button').count(), 0, 'the hidden button stays out of reach');
    await shot(page, '10-capture-sans-javascript');
    await noScript.close();
  });

  it('is usable with a keyboard and on a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await phone.newPage();
    await page.goto(new URL(paths.capture(records[11]!.id), origin).href);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Aller au contenu');
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      'no sideways scrolling',
    );
    await shot(page, '11-capture-telephone');
    await page.goto(new URL(paths.motif('paris', 'aes-vpf-charcot'), origin).href);
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      'no sideways scrolling on the motif page',
    );
    await shot(page, '12-motif-telephone');
    await phone.close();
  });

  it('serves Atom feeds that parse as XML', async () => {
    const page = await context.newPage();
    await page.goto(origin);
    const feed = await page.evaluate(
      async (url) => {
        const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'application/xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          entries: doc.querySelectorAll('entry').length,
          first: doc.querySelector('entry > summary')?.textContent,
        };
      },
      new URL(paths.feed('seine-saint-denis', 'aes-le-raincy'), origin).href,
    );
    assert.equal(feed.error, null);
    assert.equal(feed.entries, 50);
    assert.ok(feed.first?.includes(HOSTILE.matchedText));
  });
});
