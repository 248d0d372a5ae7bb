/**
 * The national observatory as forks make it: three sites built from three préfectures' archives (as three
 * forks would publish them), served over local HTTP beside a dead source, a silent one, an oversized one and
 * a hostile one (script in a name), read through a sources file and through a local stand-in of the GitHub
 * API's fork list. Its JSON is the sum of the three sites; every bad source is reported and skipped; its page
 * names each préfecture, escapes what sources say, passes axe-core and never scrolls sideways on a phone.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { launchBrowser } from '../scraper/navigate/browser.ts';
import { buildSite } from '../site/build-site.ts';
import { SUMMARY_SCHEMA, siteSummarySchema, type SiteSummary } from '../site/model/public-summary.ts';
import type { Observatory } from '../site/observatory/merge.ts';
import { runObservatory } from '../site/observatory/command.ts';
import { axeViolations } from './axe.ts';
import { siteOptions } from './fixtures/site-options.ts';
import { tempDir } from './helpers.ts';
import { serveFolder } from './static-server.ts';

const FORKS = [
  {
    prefecture: 'val-d-oise',
    prefectureName: "Préfecture du Val-d'Oise",
    motif: 'aes',
    motifLabel: 'Admission exceptionnelle au séjour',
  },
  {
    prefecture: 'rhone',
    prefectureName: 'Préfecture du Rhône',
    motif: 'titre-sejour',
    motifLabel: 'Titre de séjour — première demande',
  },
  {
    prefecture: 'mayotte',
    prefectureName: 'Préfecture de Mayotte',
    motif: 'renouvellement',
    motifLabel: 'Renouvellement de titre de séjour',
  },
];

const listen = (server: Server) =>
  new Promise<string>((done) =>
    server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)),
  );

function answering(body: (path: string) => { status: number; body: string } | null): Server {
  return createServer((req, res) => {
    const answer = body(req.url ?? '/');
    if (answer === null) return; // never answers: a source that hangs
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
}

const hostileSummary: SiteSummary = {
  schema: SUMMARY_SCHEMA,
  generatedAt: '2026-04-10T12:00:00.000Z',
  lastCaptureAt: '2026-04-10T11:00:00.000Z',
  prefectures: [
    {
      id: 'var',
      name: 'Préfecture du Var<script>alert(1)</script>',
      motifs: [
        {
          id: 'aes',
          label: '<img src=x onerror=alert(2)>',
          captures: 3,
          reachedSlotPage: 2,
          noSlot: 2,
          latest: { outcome: 'no-slot', capturedAt: '2026-04-10T11:00:00.000Z' },
          lastSlotSeenAt: null,
          page: 'var/aes/',
        },
      ],
    },
  ],
};

describe('national observatory', () => {
  const servers: Server[] = [];
  const sites: string[] = [];
  const summaries: SiteSummary[] = [];
  let dead: string;
  let silent: string;
  let oversized: string;
  let hostile: string;
  let work: string;
  let browser: Browser;
  /** The observatory the first test wrote, read on a phone by the second. */
  let observed: string;

  before(async () => {
    work = await tempDir('stp-observatory-');
    for (const [i, motif] of FORKS.entries()) {
      const archive = join(work, `archive-${i}`);
      const out = join(work, `site-${i}`);
      await generateArchive(archive, { captures: 40 + 10 * i, motifs: [motif], seed: i + 1 });
      await buildSite(siteOptions(archive, out));
      summaries.push(siteSummarySchema.parse(JSON.parse(await readFile(join(out, 'donnees/resume.json'), 'utf8'))));
      const server = await serveFolder(out);
      servers.push(server);
      sites.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    }
    const closed = createServer();
    dead = await listen(closed);
    await new Promise((done) => closed.close(done));
    const big = answering(() => ({ status: 200, body: `{"schema":"${'x'.repeat(3_000_000)}"}` }));
    const hang = answering(() => null);
    const bad = answering((path) =>
      path === '/donnees/resume.json'
        ? { status: 200, body: JSON.stringify(hostileSummary) }
        : { status: 404, body: '' },
    );
    servers.push(big, hang, bad);
    [oversized, silent, hostile] = await Promise.all([listen(big), listen(hang), listen(bad)]);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
  });

  async function observe(args: string[], env: NodeJS.ProcessEnv = {}) {
    const out = join(work, `out-${args.join('-').replace(/\W+/g, '')}`);
    const lines: string[] = [];
    // 4 s: the silent source costs that much, and the oversized one is cut well before, even on a loaded machine.
    const code = await runObservatory([...args, '--out', out, '--timeout-s', '4'], env, (l) => lines.push(l));
    return { code, out, lines };
  }

  it('sums the sites, reports the bad sources and writes a page that names each préfecture', async () => {
    const sources = join(work, 'sources.yaml');
    await writeFile(sources, [...sites, dead, silent, oversized, hostile].map((s) => `- ${s}`).join('\n'));
    const { code, out, lines } = await observe(['--sources', sources]);
    assert.equal(code, 0, lines.join('\n'));
    observed = out;
    const data = JSON.parse(await readFile(join(out, 'donnees/observatoire.json'), 'utf8')) as Observatory;

    const ok = data.sources.filter((s) => s.ok).map((s) => s.url);
    assert.deepEqual(ok, [...sites, hostile]);
    const failed = Object.fromEntries(data.sources.filter((s) => !s.ok).map((s) => [s.url, s.error]));
    assert.match(failed[dead]!, /injoignable/);
    assert.match(failed[silent]!, /pas de réponse complète en 4 s/);
    assert.match(failed[oversized]!, /plus de 2000000 octets|trop gros/);

    // The JSON is the sum of the three sites' own summaries (and of the hostile one, read like any other).
    for (const [i, summary] of summaries.entries()) {
      const site = summary.prefectures[0]!;
      const observed = data.prefectures.find((p) => p.source === sites[i])!;
      assert.equal(observed.id, FORKS[i]!.prefecture);
      assert.deepEqual(
        observed.motifs.map((m) => [m.id, m.captures, m.reachedSlotPage, m.noSlot, m.latest, m.lastSlotSeenAt]),
        site.motifs.map((m) => [m.id, m.captures, m.reachedSlotPage, m.noSlot, m.latest, m.lastSlotSeenAt]),
      );
      assert.equal(observed.captures, 40 + 10 * i, 'every capture of the generated archive is counted');
      assert.equal(observed.motifs[0]!.url, `${sites[i]}${FORKS[i]!.prefecture}/${FORKS[i]!.motif}/`);
    }
    const all = [...summaries, hostileSummary].flatMap((s) => s.prefectures.flatMap((p) => p.motifs));
    assert.deepEqual(data.totals, {
      captures: all.reduce((n, m) => n + m.captures, 0),
      reachedSlotPage: all.reduce((n, m) => n + m.reachedSlotPage, 0),
      noSlot: all.reduce((n, m) => n + m.noSlot, 0),
    });
    const closed = data.prefectures.filter((p) => p.motifs[0]!.latest!.outcome === 'no-slot').length;
    assert.deepEqual(data.withoutSlot, { prefectures: 4, withAMotifWithoutSlot: closed });
    assert.deepEqual(
      data.prefectures.map((p) => p.departement ?? '').sort((a, b) => a.localeCompare(b)),
      ['69', '83', '95', '976'],
      'each préfecture placed by its id',
    );

    const page = await readFile(join(out, 'index.html'), 'utf8');
    for (const fork of FORKS) assert.ok(page.includes(fork.prefectureName.replace("'", '&#39;')), fork.prefectureName);
    assert.ok(!page.includes('<script') && !page.includes('<img'), 'what a source says is escaped');
    assert.ok(page.includes('Préfecture du Var&lt;script&gt;'));
  });

  it('is published with a site that takes it in, under france/, linked from its home page', async () => {
    const out = join(work, 'site-with-observatory');
    await buildSite(siteOptions(join(work, 'archive-0'), out, { observatory: observed }));
    assert.equal(
      await readFile(join(out, 'france/index.html'), 'utf8'),
      await readFile(join(observed, 'index.html'), 'utf8'),
    );
    assert.ok(existsSync(join(out, 'france/donnees/observatoire.json')));
    assert.match(await readFile(join(out, 'index.html'), 'utf8'), /<a href="france\/">l’observatoire national<\/a>/);
    const without = await readFile(join(work, 'site-0', 'index.html'), 'utf8');
    assert.ok(!without.includes('france/'), 'a site built without it links nothing');
  });

  it('reads on a phone: axe-core clean, no sideways scroll', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (r) => asked.push(r.url()));
    await page.goto(`file://${join(observed, 'index.html')}`);
    assert.deepEqual(await axeViolations(page), []);
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      'no sideways scroll',
    );
    assert.equal(await page.locator('svg.map path').count(), 96);
    assert.deepEqual(
      asked.filter((u) => !u.startsWith('file:')),
      [],
      'the page asks nothing of any server',
    );
    await context.close();
  });

  it('lists the fork network through the GitHub API and keeps the forks whose Pages answer', async () => {
    const pages: Record<string, string> = { 'up/stp': sites[0]!, 'a/stp': sites[1]!, 'c/stp': sites[2]! };
    const api = answering((path) => {
      if (path.startsWith('/repos/up/stp/forks?'))
        return { status: 200, body: JSON.stringify(['a/stp', 'b/stp', 'c/stp'].map((full_name) => ({ full_name }))) };
      const match = /^\/repos\/(\w+\/\w+)\/pages$/.exec(path);
      const site = match ? pages[match[1]!] : undefined;
      return site ? { status: 200, body: JSON.stringify({ html_url: site }) } : { status: 404, body: '{}' };
    });
    servers.push(api);
    const base = (await listen(api)).replace(/\/$/, '');
    const { code, out, lines } = await observe(['--forks', 'up/stp'], { GITHUB_API_URL: base });
    assert.equal(code, 0, lines.join('\n'));
    assert.ok(lines.includes('b/stp : pas de site GitHub Pages, ignoré'), lines.join('\n'));
    const data = JSON.parse(await readFile(join(out, 'donnees/observatoire.json'), 'utf8')) as Observatory;
    assert.deepEqual(
      data.sources.map((s) => [s.url, s.ok]),
      sites.map((s) => [s, true]),
    );
  });

  it('answers --help, refuses bad usage and writes nothing when no source answers', async () => {
    const help: string[] = [];
    assert.equal(await runObservatory(['--help'], {}, (l) => help.push(l)), 0);
    assert.match(help.join('\n'), /Usage : npm run observatory -- \(--sources/);
    assert.equal((await observe(['--sources', join(work, 'absent.yaml')])).code, 2);
    const only = join(work, 'dead.yaml');
    await writeFile(only, `- ${dead}\n`);
    const { code, out } = await observe(['--sources', only]);
    assert.equal(code, 1);
    await assert.rejects(readFile(join(out, 'index.html')));
  });
});

describe('observatory in the site workflow', () => {
  it('is built at each site run, weekly at least, into /france/, with no write permission beyond Pages', async () => {
    const { parse } = await import('yaml');
    const workflow = parse(await readFile(join(import.meta.dirname, '../.github/workflows/site.yml'), 'utf8')) as {
      on: { schedule?: { cron: string }[] };
      jobs: Record<string, { permissions: Record<string, string>; steps?: { name?: string; run?: string }[] }>;
    };
    const steps = workflow.jobs.build!.steps!;
    const step = steps.find((s) => s.run?.includes('npm run observatory'));
    const site = steps.find((s) => s.run?.includes('npm run site'));
    assert.ok(steps.indexOf(step!) < steps.indexOf(site!), 'made before the site, which takes it in');
    assert.match(site?.run ?? '', /--observatory \.observatoire$/);
    // Weekly by its own schedule (day of week set), besides every run the capture workflow calls.
    assert.ok(
      workflow.on.schedule?.some((s) => /^\S+ \S+ \* \* [0-6]$/.test(s.cron)),
      JSON.stringify(workflow.on.schedule),
    );
    assert.match(step?.run ?? '', /--forks "\$STP_OBSERVATORY_FORKS" --out \.observatoire$/);
    assert.deepEqual(workflow.jobs.build!.permissions, { contents: 'read' });
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const writes = Object.entries(job.permissions ?? {}).filter(([, level]) => level === 'write');
      assert.ok(
        writes.every(([scope]) => scope === 'pages' || scope === 'id-token'),
        `${name}: ${writes.map(([s]) => s).join(', ')}`,
      );
    }
  });
});
