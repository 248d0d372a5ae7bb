/**
 * `npm run demo`, the README's first command, end to end: the replica, the real browser, the demo's own archive,
 * the site built from it (a demonstration on every page) and the stamped exhibits, as a person runs it; nothing
 * asked of the Internet, nothing written in `archive/`, and `publish` refuses what it made.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { SITE_OUTCOMES } from '../scraper/outcome/outcomes.ts';
import { outputFile, paths } from '../site/model/urls.ts';
import { escapeHtml } from '../site/render/html.ts';
import { runCommand } from '../scraper/commands/all.ts';
import { printed, ROOT, runCli, tempDir, type CliResult } from './helpers.ts';

/** An authority and an IP service that would answer nothing: the demo must not ask them. */
const UNREACHABLE = 'http://127.0.0.1:9/';

async function files(dir: string, ext: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true });
  return all.filter((f) => f.endsWith(ext) && !f.startsWith('manifests'));
}

/** Back from HTML to text: the entities `escapeHtml` writes. */
const unescape = (html: string) =>
  html.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!,
  );

/** Compared as a reader compares a quotation with the page: white space and Unicode composition aside. */
const flat = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Every quotation of a page or feed: the content of each `<q>` and each « … », alt texts included. */
function quotations(html: string): string[] {
  const q = [...html.matchAll(/<q>([^<]*)<\/q>/g)].map((m) => m[1]!);
  const guillemets = [...html.matchAll(/«([^«»]*)»/g)].map((m) => m[1]!);
  return [...q, ...guillemets].map((t) => flat(unescape(t)));
}

describe('npm run demo', () => {
  let dir: string;
  let result: CliResult;
  let archiveBefore: string[];
  before(async () => {
    archiveBefore = (await readdir(join(ROOT, 'archive'), { recursive: true })).sort();
    dir = await tempDir('stp-demo-');
    result = await runCli(['demo', '--out', join(dir, 'demo'), '--exhibits', join(dir, 'demo', 'pieces')], {
      STP_IP_ECHO_URL: UNREACHABLE,
      STP_TSA_URLS: UNREACHABLE,
    });
    dir = join(dir, 'demo');
  });

  it('writes in its own folder only, asks nothing of the Internet, and says so calmly', async () => {
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual((await readdir(join(ROOT, 'archive'), { recursive: true })).sort(), archiveBefore);
    assert.match(result.stdout, /^Démonstration : horodatage RFC 3161 et relevé de l’adresse IP publique désactivés/m);
    assert.doesNotMatch(result.stdout + result.stderr, /MANQUANT|Horodatage RFC 3161 de/);
    assert.deepEqual((await files(join(dir, 'archive', 'manifests'), '.tsr')).length, 0);
    assert.match(result.stdout, /archive\/ n’est pas touché/);
    // The project's own archive/ is never the demo's, even when asked.
    const here = await printed(() => runCommand(['demo', '--out', '.']));
    assert.equal(here.code, 2);
    assert.match(here.stderr, /--out \. : la démonstration écrirait dans .*\/archive, le dossier des vraies captures/);
  });

  it('cannot be published: publish names a capture of the replica and publishes nothing', async () => {
    const publish = await printed(() =>
      runCommand(['publish', '--from', join(dir, 'archive'), '--repo', join(dir, 'nowhere')]),
    );
    assert.equal(publish.code, 2);
    assert.match(
      publish.stderr,
      /^paris\/[\w-]+\/\S+ : capture faite sur la réplique locale \(http:\/\/[\w.-]+\.localhost:\d+\/.*\), comme 10 autres\. .*Rien n’a été publié\.$/,
    );
  });

  it('captures every seed motif on the replica, with each outcome shown once at least', async () => {
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /11 motifs : 11 capturés\./);
    const records = await Promise.all(
      (await files(join(dir, 'archive'), '.json')).map(async (f) =>
        JSON.parse(await readFile(join(dir, 'archive', f), 'utf8')),
      ),
    );
    assert.equal(records.length, 11);
    assert.deepEqual(new Set(records.map((r) => r.outcome)), new Set(SITE_OUTCOMES));
    assert.equal(records.filter((r) => r.outcome === 'site-error')[0].retries.length, 2);
  });

  it('builds the site from the archive and says how to browse it', async () => {
    assert.match(result.stdout, /Site construit dans .* : 11 captures \(11 démarches, 2 préfectures\)/);
    assert.match(
      result.stdout,
      /ouvrez \S+\/demo\/site\/index\.html dans un navigateur, ou lancez npm run site:serve -- --demo --archive \S+\/demo\/archive --out \S+\/demo\/site, puis http:\/\/localhost:8080\//,
    );
    // Every page says it is a demonstration: home, préfectures, motifs, months, captures, « À propos ».
    const pages = (await readdir(join(dir, 'site'), { recursive: true })).filter((f) => f.endsWith('.html'));
    assert.ok(pages.length > 30, String(pages.length));
    for (const page of pages)
      assert.ok((await readFile(join(dir, 'site', page), 'utf8')).includes('Démonstration sur une réplique'), page);
    const home = await readFile(join(dir, 'site', 'index.html'), 'utf8');
    assert.ok(home.includes('Préfecture de police de Paris') && home.includes('Seine-Saint-Denis'));
    const motif = await readFile(join(dir, 'site', paths.motif('paris', 'aes-vpf-charcot'), 'index.html'), 'utf8');
    assert.match(motif, /<form class="dossier-form" data-dossier /);
  });

  it('quotes only what was on the page: every quotation of a capture page, its image alt text and the feed', async () => {
    const records: EvidenceRecord[] = await Promise.all(
      (await files(join(dir, 'archive'), '.json')).map(async (f) =>
        JSON.parse(await readFile(join(dir, 'archive', f), 'utf8')),
      ),
    );
    let checked = 0;
    for (const record of records) {
      const folder = join(dir, 'archive', record.id.split('/').slice(0, 2).join('/'), record.capturedAt.slice(0, 4));
      const textFile = (await readdir(folder, { recursive: true })).find((f) => f.endsWith(record.text!))!;
      const pageText = flat(await readFile(join(folder, textFile), 'utf8'));
      // Names given in the target file (« Titre de séjour « étudiant » ») are names, not quotations of the page.
      const page = (await readFile(join(dir, 'site', outputFile(paths.capture(record.id))), 'utf8')).replaceAll(
        escapeHtml(record.motifLabel),
        '',
      );
      const feed = await readFile(join(dir, 'site', paths.feed(record.prefecture, record.motif)), 'utf8');
      const entry = feed.slice(feed.indexOf(`urn:screen-ta-prefecture:${record.id}<`), feed.indexOf('</entry>'));
      const said = `${record.id} (${record.evidence.rule})`;
      for (const quote of [...quotations(page), ...quotations(entry)]) {
        assert.ok(pageText.includes(quote), `${said}: « ${quote} » is not in the page text`);
        checked++;
      }
      // The deciding text is quoted when the page had it, and the tool's account is never dressed as a quotation.
      const { quote, description } = record.evidence;
      assert.ok(description && !pageText.includes(flat(description)), `${said}: ${description}`);
      if (quote) assert.ok(page.includes(`<q>${escapeHtml(quote)}</q>`), said);
      if (quote) assert.ok(entry.includes('Texte relevé sur la page'), said);
    }
    assert.ok(records.filter((r) => r.evidence.quote).length >= 5, 'most outcomes are decided by a sentence');
    assert.ok(checked >= records.length, `${checked} quotations checked`);
  });

  it('writes one stamped exhibit per outcome, the page image with the banner below it', async () => {
    const written = (await readdir(join(dir, 'pieces'))).sort();
    assert.deepEqual(written, SITE_OUTCOMES.map((o) => `${o}.png`).sort());
    const record = JSON.parse(
      await readFile(
        join(
          dir,
          'archive',
          (await files(join(dir, 'archive'), '.json')).find((f) => f.includes('raisons-medicales-truffaut'))!,
        ),
        'utf8',
      ),
    );
    const exhibit = await sharp(join(dir, 'pieces', 'blocked.png')).metadata();
    assert.equal(exhibit.width, record.imageSize.width);
    assert.ok(
      exhibit.height! > record.imageSize.height + 150,
      `banner too short: ${exhibit.height} for a page of ${record.imageSize.height}`,
    );
  });
});
