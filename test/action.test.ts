/**
 * The GitHub Action as a runner runs it: the committed bundle (dist/action.mjs, copied with its
 * WebAssembly into a directory without node_modules) as a child process, inputs in `INPUT_*`
 * variables, the runner's files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH), and a
 * local server standing in for the GitHub REST API (test/helpers/github-api-server.ts).
 */
import { execFile } from 'node:child_process';
import { appendFile, copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { annotationCommand, logLine } from '../src/action/workflow.ts';
import { startGitHubApi, type FakeGitHub, type IssueComment } from './helpers/github-api-server.ts';

const TOKEN = 'ghs_oobguardTestToken0123456789abcdefXYZ';
const REPO = 'acme/oob-infra';
const PR = 42;
const INSECURE = path.join(PACKAGE_ROOT, 'examples/insecure');
const HARDENED = path.join(PACKAGE_ROOT, 'examples/hardened');

interface ActionYml {
  runs: { using: string; main: string };
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
}
const actionYml = parseYaml(await readFile(path.join(PACKAGE_ROOT, 'action.yml'), 'utf8')) as ActionYml;

let root: string;
let bundle: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'oobguard-action-'));
  // The Action runs from its own checkout, without `npm ci`: no node_modules anywhere above it.
  await mkdir(path.join(root, 'action', 'dist'), { recursive: true });
  for (const f of ['action.mjs', 'hcl2json.wasm.gz']) await copyFile(path.join(PACKAGE_ROOT, 'dist', f), path.join(root, 'action', 'dist', f));
  bundle = path.join(root, 'action', 'dist', 'action.mjs');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let seq = 0;
/** A fresh workspace with copies of `seed` (path in the workspace → directory to copy). */
async function workspace(seed: Record<string, string>): Promise<string> {
  const ws = path.join(root, `ws${++seq}`);
  await mkdir(ws, { recursive: true });
  for (const [to, from] of Object.entries(seed)) await cp(from, path.join(ws, to), { recursive: true });
  return ws;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

type PullRequestEvent = { fork?: boolean; eventName?: string } | null;

/** Parse GITHUB_OUTPUT (`name<<DELIM\nvalue\nDELIM`). */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

async function runAction(ws: string, inputs: Record<string, string>, opts: { pr?: PullRequestEvent; api?: FakeGitHub } = {}): Promise<Run> {
  const files = path.join(root, `runner${++seq}`);
  await mkdir(files);
  const output = path.join(files, 'output');
  const summary = path.join(files, 'summary');
  await writeFile(output, '');
  await writeFile(summary, '');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: ws,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_REPOSITORY: REPO,
    GITHUB_RUN_ID: '1234567',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: opts.api?.url ?? 'http://127.0.0.1:9',
    RUNNER_TEMP: files,
    'INPUT_GITHUB-TOKEN': TOKEN,
  };
  const pr = opts.pr === undefined ? null : opts.pr;
  if (pr !== null) {
    const event = {
      action: 'synchronize',
      number: PR,
      pull_request: {
        number: PR,
        head: { ref: 'feature', sha: 'a'.repeat(40), repo: { full_name: pr.fork ? 'mallory/oob-infra' : REPO, fork: pr.fork === true } },
        base: { ref: 'main', sha: 'b'.repeat(40), repo: { full_name: REPO } },
      },
      repository: { full_name: REPO },
    };
    const eventPath = path.join(files, 'event.json');
    await writeFile(eventPath, JSON.stringify(event));
    env['GITHUB_EVENT_PATH'] = eventPath;
    env['GITHUB_EVENT_NAME'] = pr.eventName ?? 'pull_request';
  } else {
    env['GITHUB_EVENT_NAME'] = 'push';
  }
  // As the runner does: every declared input, with its default unless the workflow sets it.
  for (const [k, v] of Object.entries(actionYml.inputs)) if (k !== 'github-token') env[`INPUT_${k.toUpperCase()}`] = v.default ?? '';
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bundle], { cwd: ws, env, maxBuffer: 64 * 1024 * 1024 }, (err, so, se) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout: so, stderr: se });
    });
  });
  const rawOutputs = await readFile(output, 'utf8');
  const run: Run = { code, stdout, stderr, outputs: parseOutputs(rawOutputs), summary: await readFile(summary, 'utf8') };
  // The token never shows: not in the log, the summary, the outputs or a file the step wrote.
  for (const text of [stdout, stderr, run.summary, rawOutputs]) expect(text).not.toContain(TOKEN);
  return run;
}

interface Annotation {
  level: string;
  props: Record<string, string>;
  message: string;
}

const unescape = (s: string): string => s.replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');

function annotations(stdout: string): Annotation[] {
  return stdout.split('\n').flatMap((line) => {
    const m = line.match(/^::(error|warning|notice)(?: ([^:]*))?::(.*)$/);
    if (!m) return [];
    const props = Object.fromEntries((m[2] ?? '').split(',').filter(Boolean).map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i), unescape(p.slice(i + 1))];
    }));
    return [{ level: m[1]!, props, message: unescape(m[3]!) }];
  });
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];
const severityOf = (a: Annotation): string => /\((critical|high|medium|low|info)\)/.exec(a.props['title'] ?? '')?.[1] ?? '';

interface SarifShape {
  runs: { automationDetails: { id: string }; results: { ruleId: string; baselineState?: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
}

describe('action.yml', () => {
  it('runs the committed bundle on node24, and declares exactly the inputs and outputs the Action uses', async () => {
    expect(actionYml.runs).toEqual({ using: 'node24', main: 'dist/action.mjs' });
    const source = await readFile(path.join(PACKAGE_ROOT, 'src/action/main.ts'), 'utf8');
    const read = [...source.matchAll(/(?:input|booleanInput|listInput)\(env, '([a-z-]+)'/g)].map((m) => m[1]!);
    expect(new Set(read)).toEqual(new Set(Object.keys(actionYml.inputs)));
    expect(actionYml.inputs['github-token']!.default).toBe('${{ github.token }}');
    const ws = await workspace({ '.': HARDENED });
    const r = await runAction(ws, {});
    expect(Object.keys(r.outputs).sort()).toEqual(Object.keys(actionYml.outputs).sort());
  });
});

describe('docs/github-action.md', () => {
  it('has workflows that parse, and uses of the Action name only inputs action.yml declares', async () => {
    const doc = await readFile(path.join(PACKAGE_ROOT, 'docs/github-action.md'), 'utf8');
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const workflows = blocks.map((b) => parseYaml(b) as unknown).filter((w): w is { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> } => typeof w === 'object' && w !== null && 'jobs' in w);
    expect(workflows.length).toBe(3);
    const steps = [...blocks.map((b) => parseYaml(b) as unknown).filter(Array.isArray).flat(), ...workflows.flatMap((w) => Object.values(w.jobs).flatMap((j) => j.steps))] as { uses?: string; with?: Record<string, unknown> }[];
    const ours = steps.filter((st) => st.uses?.startsWith('oobguard/oobguard@'));
    expect(ours.length).toBeGreaterThanOrEqual(2);
    for (const st of ours) expect(Object.keys(st.with ?? {}).filter((k) => !(k in actionYml.inputs))).toEqual([]);
  });
});

describe('the Action without a pull request', () => {
  it('writes SARIF for upload-sarif, the job summary and the outputs; the exit code is the scan\'s', async () => {
    const ws = await workspace({ deploy: INSECURE });
    const r = await runAction(ws, { paths: 'deploy', 'json-file': 'report.json', 'sarif-category': 'oobguard/pr/' });
    const report = JSON.parse(await readFile(path.join(ws, 'report.json'), 'utf8')) as { exitCode: number; summary: { verdict: string; byStatus: Record<string, number>; failingBySeverity: Record<string, number> } };
    expect(r.code).toBe(2); // one rule could not be judged: incomplete, as `oobguard scan` says
    expect(report.exitCode).toBe(2);
    expect(r.outputs).toMatchObject({
      verdict: 'incomplete',
      critical: String(report.summary.failingBySeverity['critical']),
      high: String(report.summary.failingBySeverity['high']),
      medium: String(report.summary.failingBySeverity['medium']),
      low: String(report.summary.failingBySeverity['low']),
      info: '0',
      failing: String(report.summary.byStatus['fail']),
      unknown: String(report.summary.byStatus['unknown']! + report.summary.byStatus['error']!),
      'sarif-file': path.join(ws, 'oobguard.sarif'),
      'json-file': path.join(ws, 'report.json'),
      'exit-code': '2',
      'comment-url': '',
    });
    expect(Number(r.outputs['critical'])).toBeGreaterThan(0);
    const sarif = JSON.parse(await readFile(path.join(ws, 'oobguard.sarif'), 'utf8')) as SarifShape;
    expect(sarif.runs[0]!.automationDetails.id).toBe('oobguard/pr/');
    const uris = sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris.length).toBe(report.summary.byStatus['fail']! + report.summary.byStatus['unknown']!);
    expect(uris.every((u) => u.startsWith('deploy/'))).toBe(true);
    expect(r.summary).toContain('**oobguard: INCOMPLETE**');
    expect(r.summary).toContain('Results by severity');
  });

  it('passes a clean deployment with exit code 0 and makes no API call outside a pull request', async () => {
    const api = await startGitHubApi({ token: TOKEN });
    try {
      const ws = await workspace({ '.': HARDENED });
      const r = await runAction(ws, {}, { api });
      expect(r.code).toBe(0);
      expect(r.outputs['verdict']).toBe('pass');
      expect(r.outputs['failing']).toBe('0');
      expect(r.summary).toContain('**oobguard: PASS**');
      expect(api.requests).toEqual([]);
    } finally {
      await api.close();
    }
  });

  it('parses Terraform with the WebAssembly parser shipped next to the bundle', async () => {
    const ws = await workspace({ infra: path.join(PACKAGE_ROOT, 'examples/aws/insecure') });
    const r = await runAction(ws, { paths: 'infra', comment: 'false' });
    expect(r.code).not.toBe(3);
    expect(r.stdout).not.toContain('internal error');
    const sarif = JSON.parse(await readFile(path.join(ws, 'oobguard.sarif'), 'utf8')) as SarifShape;
    const tf = sarif.runs[0]!.results.filter((x) => x.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('.tf'));
    expect(tf.length).toBeGreaterThan(0);
  });

  it('stops with exit code 3 and names the input that is wrong', async () => {
    const ws = await workspace({ '.': HARDENED });
    const bad = await runAction(ws, { 'fail-on': 'severe' });
    expect(bad.code).toBe(3);
    expect(bad.stdout).toMatch(/^::error::oobguard: input "fail-on" must be one of critical, high, medium, low, info \(got "severe"\)$/m);
    const noBaseline = await runAction(ws, { baseline: 'main.json' });
    expect(noBaseline.code).toBe(3);
    expect(noBaseline.stdout).toContain('input "baseline": main.json does not exist');
    const badBool = await runAction(ws, { comment: 'yes' });
    expect(badBool.code).toBe(3);
    expect(badBool.stdout).toContain('input "comment" must be true or false (got "yes")');
  });
});

describe('annotations', () => {
  it('are ordered most severe first, at most 10 per level, with a note of how many were left out', async () => {
    const ws = await workspace({ 'infra/oob': INSECURE });
    const r = await runAction(ws, { 'working-directory': 'infra', paths: 'oob' });
    const all = annotations(r.stdout);
    const errors = all.filter((a) => a.level === 'error');
    const warnings = all.filter((a) => a.level === 'warning');
    const notices = all.filter((a) => a.level === 'notice');
    // 8 critical and 24 high failures, 23 medium and 1 unknown, 3 low: capped at 10 of each level.
    expect(errors.length).toBe(10);
    expect(warnings.length).toBe(10);
    expect(notices.length).toBe(4);
    expect(errors.slice(0, 8).map(severityOf)).toEqual(Array(8).fill('critical'));
    expect(errors.slice(8).map(severityOf)).toEqual(['high', 'high']);
    for (const level of [errors, warnings]) {
      const ranks = level.map((a) => SEVERITY_ORDER.indexOf(severityOf(a)));
      expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    }
    // Paths from the repository root, as GitHub places annotations; lines 1-based.
    for (const a of [...errors, ...warnings, ...notices.slice(0, 3)]) {
      expect(a.props['file']).toMatch(/^infra\/oob\/(manifests|mattermost)\//);
      expect(Number(a.props['line'])).toBeGreaterThanOrEqual(1);
    }
    const total = Number(r.outputs['failing']) + Number(r.outputs['unknown']);
    const note = notices[3]!;
    expect(note.message).toBe(`${total - 23} of ${total} findings are not annotated (GitHub shows 10 annotations of each level per step); the job summary and code scanning list them all.`);
    expect(r.summary).toContain(`${total - 23} of ${total} findings are not annotated`);
    // SARIF paths are repository-relative too (upload-sarif resolves them from the checkout root).
    const sarif = JSON.parse(await readFile(r.outputs['sarif-file']!, 'utf8')) as SarifShape;
    expect(r.outputs['sarif-file']).toBe(path.join(ws, 'infra', 'oobguard.sarif'));
    expect(sarif.runs[0]!.results.every((x) => x.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('infra/oob/'))).toBe(true);
  });

  it('can be turned off', async () => {
    const ws = await workspace({ '.': INSECURE });
    const r = await runAction(ws, { annotations: 'false' });
    expect(annotations(r.stdout)).toEqual([]);
    expect(r.code).toBe(2);
  });
});

describe('the sticky pull-request comment', () => {
  const marker = '<!-- oobguard:sticky-comment oobguard/ -->';
  const other = (id: number): Omit<IssueComment, 'html_url'> => ({ id, body: `LGTM ${id}`, user: { login: 'alice', type: 'User' } });

  it('is created when none exists, then updated in place on the next run', async () => {
    const api = await startGitHubApi({ token: TOKEN, comments: { [`${REPO}#${PR}`]: [other(1), other(2)] } });
    try {
      const ws = await workspace({ '.': INSECURE });
      const first = await runAction(ws, {}, { pr: {}, api });
      expect(first.code).toBe(2);
      expect(api.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
        `GET /repos/${REPO}/issues/${PR}/comments`,
        `POST /repos/${REPO}/issues/${PR}/comments`,
      ]);
      expect(api.requests[0]!.query).toEqual({ per_page: '100', page: '1' });
      expect(api.requests.every((q) => q.authorization === `Bearer ${TOKEN}`)).toBe(true);
      const posted = api.comments.get(`${REPO}#${PR}`)!.at(-1)!;
      expect(posted.body.startsWith(`${marker}\n`)).toBe(true);
      expect(posted.body).toContain('**oobguard: INCOMPLETE**');
      expect(posted.body).toContain('[workflow run](https://github.com/acme/oob-infra/actions/runs/1234567)');
      expect(posted.body.length).toBeLessThan(65_536);
      expect(first.outputs['comment-url']).toBe(posted.html_url);
      expect(first.stdout).toContain(`oobguard: pull-request comment created: ${posted.html_url}`);

      // The next push: the same comment, updated.
      await writeFile(path.join(ws, 'mattermost', 'config.json'), (await readFile(path.join(HARDENED, 'mattermost', 'config.json'), 'utf8')));
      api.requests.length = 0;
      const second = await runAction(ws, {}, { pr: {}, api });
      expect(api.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
        `GET /repos/${REPO}/issues/${PR}/comments`,
        `PATCH /repos/${REPO}/issues/comments/${posted.id}`,
      ]);
      const ours = api.comments.get(`${REPO}#${PR}`)!.filter((c) => c.body.includes(marker));
      expect(ours.length).toBe(1);
      expect(second.outputs['comment-url']).toBe(posted.html_url);
      expect(second.stdout).toContain('oobguard: pull-request comment updated');
    } finally {
      await api.close();
    }
  });

  it('a marked comment someone else wrote is left alone: the Action posts its own, and updates that next time', async () => {
    const planted = { id: 301, body: `${marker}\nplanted by a reviewer`, user: { login: 'mallory', type: 'User' } };
    const api = await startGitHubApi({ token: TOKEN, comments: { [`${REPO}#${PR}`]: [planted] } });
    try {
      const ws = await workspace({ '.': HARDENED });
      const first = await runAction(ws, {}, { pr: {}, api });
      expect(first.code).toBe(0);
      expect(first.stdout).not.toContain('pull-requests: write');
      expect(api.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
        `GET /repos/${REPO}/issues/${PR}/comments`, `PATCH /repos/${REPO}/issues/comments/301`, `POST /repos/${REPO}/issues/${PR}/comments`,
      ]);
      api.requests.length = 0;
      await runAction(ws, {}, { pr: {}, api });
      // The bot's own comment is preferred over the planted one: no PATCH attempt on it, no new comment.
      expect(api.requests.map((q) => `${q.method} ${q.path}`)).toEqual([`GET /repos/${REPO}/issues/${PR}/comments`, `PATCH /repos/${REPO}/issues/comments/9000`]);
      expect(api.comments.get(`${REPO}#${PR}`)!.map((c) => c.id)).toEqual([301, 9000]);
      expect(api.comments.get(`${REPO}#${PR}`)![0]!.body).toContain('planted by a reviewer');
    } finally {
      await api.close();
    }
  });

  it('is found by its marker on page 2 and updated (PATCH), never duplicated', async () => {
    const existing = Array.from({ length: 130 }, (_, i) => other(100 + i));
    existing[117] = { id: 217, body: `${marker}\nold report`, user: { login: 'github-actions[bot]', type: 'Bot' } };
    // Another workflow's comment with its own category's marker is left alone.
    existing[20] = { id: 120, body: '<!-- oobguard:sticky-comment oobguard/posture/ -->\nother category', user: { login: 'github-actions[bot]', type: 'Bot' } };
    const api = await startGitHubApi({ token: TOKEN, comments: { [`${REPO}#${PR}`]: existing } });
    try {
      const ws = await workspace({ '.': HARDENED });
      const r = await runAction(ws, {}, { pr: {}, api });
      expect(r.code).toBe(0);
      expect(api.requests.map((q) => `${q.method} ${q.path}${q.method === 'GET' ? `?page=${q.query['page']}` : ''}`)).toEqual([
        `GET /repos/${REPO}/issues/${PR}/comments?page=1`,
        `GET /repos/${REPO}/issues/${PR}/comments?page=2`,
        `PATCH /repos/${REPO}/issues/comments/217`,
      ]);
      const comments = api.comments.get(`${REPO}#${PR}`)!;
      expect(comments.length).toBe(130);
      expect(comments.find((c) => c.id === 217)!.body).toContain('**oobguard: PASS**');
      expect(comments.find((c) => c.id === 120)!.body).toContain('other category');
    } finally {
      await api.close();
    }
  });

  it('without pull-requests: write (403) degrades to the summary with a warning; the exit code stays the scan\'s', async () => {
    const api = await startGitHubApi({ token: TOKEN, forbidden: true });
    try {
      const clean = await runAction(await workspace({ '.': HARDENED }), { summary: 'false' }, { pr: {}, api });
      expect(clean.code).toBe(0); // the step succeeds
      expect(clean.stdout).toMatch(/^::warning title=oobguard%3A no pull-request comment::The pull-request comment was not posted: the token may not write pull-request comments \(GET .* HTTP 403 \(Resource not accessible by integration\)\): give the job `permissions: pull-requests: write`/m);
      // Written although summary is false: it stands in for the comment.
      expect(clean.summary).toMatch(/^> \[!WARNING\]\n> The pull-request comment was not posted: .*pull-requests: write.*The report is in this job summary instead\./);
      expect(clean.summary).toContain('**oobguard: PASS**');
      expect(clean.outputs['comment-url']).toBe('');

      const failing = await runAction(await workspace({ '.': INSECURE }), { 'fail-on': 'high' }, { pr: {}, api });
      expect(failing.code).toBe(2); // what the scan says, not what the comment did
      expect(failing.summary).toContain('The pull-request comment was not posted');
      // The warning counts against the step's 10 warnings, and comes first so GitHub keeps it.
      const warned = annotations(failing.stdout).filter((a) => a.level === 'warning');
      expect(warned.length).toBe(10);
      expect(warned[0]!.props['title']).toBe('oobguard: no pull-request comment');
      expect(api.requests.every((q) => q.authorization === `Bearer ${TOKEN}`)).toBe(true);
    } finally {
      await api.close();
    }
  });

  it('on a fork\'s pull request is not attempted: the summary and a warning say why', async () => {
    const api = await startGitHubApi({ token: TOKEN });
    try {
      const r = await runAction(await workspace({ '.': HARDENED }), {}, { pr: { fork: true }, api });
      expect(r.code).toBe(0);
      expect(api.requests).toEqual([]);
      expect(r.stdout).toContain('::warning title=oobguard%3A no pull-request comment::The pull-request comment was not posted: this pull request comes from a fork');
      expect(r.summary).toContain('comes from a fork');
    } finally {
      await api.close();
    }
  });

  it('is not posted when comment is false', async () => {
    const api = await startGitHubApi({ token: TOKEN });
    try {
      const r = await runAction(await workspace({ '.': HARDENED }), { comment: 'false' }, { pr: {}, api });
      expect(r.code).toBe(0);
      expect(api.requests).toEqual([]);
      expect(r.summary).toContain('**oobguard: PASS**');
      expect(r.summary).not.toContain('not posted');
    } finally {
      await api.close();
    }
  });
});

describe('baseline: only new findings gate', () => {
  it('a finding the baseline has does not fail the step (lines moved or not); a new one does', async () => {
    const ws = await workspace({ deploy: INSECURE });
    // The base branch's report, written by the Action itself.
    const base = await runAction(ws, { paths: 'deploy', 'json-file': 'base.json', 'sarif-file': '' });
    expect(base.code).toBe(2);
    expect(base.outputs['sarif-file']).toBe('');

    // The pull request moves things around (a comment shifts every line) and adds nothing new.
    const manifest = path.join(ws, 'deploy', 'manifests', 'mattermost.yaml');
    await writeFile(manifest, `# reviewed\n# by the OOB team\n${await readFile(manifest, 'utf8')}`);
    // The example's one unknown (high) is never exempted by a baseline: without --fail-on critical
    // the step is incomplete whatever the baseline says.
    expect((await runAction(ws, { paths: 'deploy', baseline: 'base.json' })).code).toBe(2);
    const same = await runAction(ws, { paths: 'deploy', baseline: 'base.json', 'fail-on': 'critical' });
    expect(same.code).toBe(0);
    expect(same.outputs).toMatchObject({ verdict: 'pass', new: '0' });
    expect(Number(same.outputs['failing'])).toBeGreaterThan(0); // still there, still counted
    expect(annotations(same.stdout)).toEqual([]);
    expect(same.summary).toContain('**oobguard: PASS** — no new failing findings');

    // Another Mattermost installation with the same weaknesses: new findings, the step fails.
    await cp(path.join(INSECURE, 'mattermost'), path.join(ws, 'deploy', 'mattermost-dr'), { recursive: true });
    const worse = await runAction(ws, { paths: 'deploy', baseline: 'base.json', 'fail-on': 'critical' });
    expect(worse.code).toBe(1);
    expect(worse.outputs['verdict']).toBe('fail');
    expect(Number(worse.outputs['new'])).toBeGreaterThan(0);
    expect(Number(worse.outputs['new'])).toBeLessThan(Number(worse.outputs['failing']));
    const annotated = annotations(worse.stdout).filter((a) => a.props['file'] !== undefined);
    expect(annotated.length).toBeGreaterThan(0);
    expect(annotated.every((a) => a.props['file']!.startsWith('deploy/mattermost-dr/'))).toBe(true);
    const sarif = JSON.parse(await readFile(path.join(ws, 'oobguard.sarif'), 'utf8')) as SarifShape;
    const states = sarif.runs[0]!.results.map((x) => `${x.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('deploy/mattermost-dr/')}:${x.baselineState}`);
    expect(new Set(states)).toEqual(new Set(['true:new', 'false:unchanged']));
  });

  it('a checkout of the base branch as the baseline is scanned first, and not scanned as part of the pull request', async () => {
    const ws = await workspace({ '.': INSECURE, '.oobguard-base': INSECURE });
    await cp(path.join(INSECURE, 'mattermost'), path.join(ws, 'mattermost-dr'), { recursive: true });
    const r = await runAction(ws, { baseline: '.oobguard-base', 'fail-on': 'critical' });
    expect(r.code).toBe(1);
    expect(r.summary).toContain('Baseline: a scan of the checkout `.oobguard-base`');
    const sarif = JSON.parse(await readFile(path.join(ws, 'oobguard.sarif'), 'utf8')) as SarifShape;
    const uris = sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris.some((u) => u.startsWith('.oobguard-base'))).toBe(false);
    expect(uris.some((u) => u.startsWith('mattermost-dr/'))).toBe(true);
    expect(annotations(r.stdout).filter((a) => a.props['file']).every((a) => a.props['file']!.startsWith('mattermost-dr/'))).toBe(true);

    await rm(path.join(ws, 'mattermost-dr'), { recursive: true });
    await appendFile(path.join(ws, 'manifests', 'velero.yaml'), '\n# trailing comment\n');
    const same = await runAction(ws, { baseline: '.oobguard-base', 'fail-on': 'critical' });
    expect(same.code).toBe(0);
    expect(same.outputs['new']).toBe('0');
  });
});

describe('workflow commands', () => {
  it('a message or file name from the scanned files cannot end its command or start another', () => {
    const line = annotationCommand('error', 'bad\n::error::injected 100%', { file: 'a,b:c.yaml', line: 3, title: 'T: x, y' });
    expect(line).toBe('::error file=a%2Cb%3Ac.yaml,line=3,title=T%3A x%2C y::bad%0A::error::injected 100%25');
    expect(line.split('\n')).toHaveLength(1);
    expect(logLine('::warning::x\n::error::y')).toBe(': :warning::x?::error::y\n');
  });
});
