/**
 * The oobguard GitHub Action (action.yml → dist/action.mjs, built from src/action/index.ts).
 *
 * One scan of files (manifests, Terraform, Mattermost config.json) through run(), like `oobguard
 * scan`, then, for GitHub: SARIF for `github/codeql-action/upload-sarif`, the Markdown report as
 * the job summary, one sticky pull-request comment updated in place, annotations within GitHub's
 * limits, and step outputs (counts, verdict, SARIF path). Live sources are not part of the Action
 * (their SDKs are not in its bundle): workflows run `npx oobguard scan --aws …` for those
 * (docs/github-action.md).
 *
 * The step's exit code is the scan's: 0 pass, 1 failing findings at or above `fail-on`, 2 incomplete,
 * 3 a wrong input. With `baseline`, only findings new against it count (run()'s `baseline`).
 * Anything about the comment (a fork, no `pull-requests: write`, an API failure) degrades to the
 * summary with a warning and never changes the exit code.
 */
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderJson } from '../../reporters/json.ts';
import { renderMarkdown } from '../../reporters/markdown.ts';
import { normalizeCategory, renderSarif } from '../../reporters/sarif.ts';
import { isSeverity } from '../engine/compile.ts';
import type { Report, Severity } from '../engine/types.ts';
import { run, UsageError, type RunOptions } from '../run.ts';
import { VERSION } from '../version.ts';
import { annotationLines, omittedNote, planAnnotations } from './annotations.ts';
import { commentMarker, upsertComment, type CommentResult } from './comment.ts';
import { rebaseReport } from './rebase.ts';
import { annotationCommand, appendSummary, booleanInput, input, InputError, listInput, logLine, setOutputs, type Env } from './workflow.ts';

export interface ActionIo {
  env: Env;
  /** The step's log (workflow commands included). */
  stdout: (s: string) => void;
  /** Directory relative paths start from when GITHUB_WORKSPACE is not set. */
  cwd: string;
}

interface Inputs {
  workspace: string;
  cwd: string;
  paths: string[];
  config: string;
  failOn?: Severity;
  baseline: string;
  sarifFile: string;
  jsonFile: string;
  category: string;
  comment: boolean;
  summary: boolean;
  annotations: boolean;
  token: string;
}

async function readInputs(env: Env, io: ActionIo): Promise<Inputs> {
  const workspace = path.resolve(io.cwd, env['GITHUB_WORKSPACE'] || '.');
  const wd = input(env, 'working-directory') || '.';
  const cwd = path.resolve(workspace, wd);
  const isDir = await stat(cwd).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new InputError(`input "working-directory": ${wd} is not a directory of the checkout (is actions/checkout run before this step?)`);
  const failOn = input(env, 'fail-on');
  if (failOn !== '' && !isSeverity(failOn)) throw new InputError(`input "fail-on" must be one of critical, high, medium, low, info (got "${failOn}")`);
  return {
    workspace,
    cwd,
    paths: listInput(env, 'paths').length > 0 ? listInput(env, 'paths') : ['.'],
    config: input(env, 'config'),
    ...(failOn !== '' ? { failOn: failOn as Severity } : {}),
    baseline: input(env, 'baseline'),
    sarifFile: input(env, 'sarif-file', 'oobguard.sarif'),
    jsonFile: input(env, 'json-file'),
    category: normalizeCategory(input(env, 'sarif-category') || undefined),
    comment: booleanInput(env, 'comment', true),
    summary: booleanInput(env, 'summary', true),
    annotations: booleanInput(env, 'annotations', true),
    token: input(env, 'github-token'),
  };
}

/**
 * `baseline` as run() takes it: a JSON report or snapshot as it is; a directory (a checkout of the
 * base branch) scanned first with the same paths, config and fail-on, its report written to a
 * temporary file. Returns also what the main scan must exclude (the checkout, when it lies inside).
 */
async function resolveBaseline(inp: Inputs, env: Env): Promise<{ file?: string; exclude: string[]; note?: string }> {
  if (inp.baseline === '') return { exclude: [] };
  const full = path.resolve(inp.cwd, inp.baseline);
  const st = await stat(full).catch(() => null);
  if (st === null) {
    throw new InputError(`input "baseline": ${inp.baseline} does not exist (relative to the working directory); give a JSON report (oobguard scan --format json), a snapshot, or a checkout of the base branch`);
  }
  if (!st.isDirectory()) return { file: full, exclude: [] };
  // The same directory of the base checkout as the working directory is of this one.
  const baseCwd = path.join(full, path.relative(inp.workspace, inp.cwd));
  if (!(await stat(baseCwd).then((s) => s.isDirectory(), () => false))) {
    throw new InputError(`input "baseline": the checkout ${inp.baseline} has no directory ${path.relative(inp.workspace, inp.cwd)} (the working directory)`);
  }
  const ownConfig = inp.config !== '' && (await stat(path.resolve(baseCwd, inp.config)).then(() => true, () => false));
  const { report } = await run({
    cwd: baseCwd,
    paths: inp.paths,
    // The base's own config when it has the file; else this checkout's.
    ...(inp.config !== '' ? { configFile: ownConfig ? inp.config : path.resolve(inp.cwd, inp.config) } : {}),
    ...(inp.failOn ? { failOn: inp.failOn } : {}),
  });
  const dir = await mkdtemp(path.join(env['RUNNER_TEMP'] || tmpdir(), 'oobguard-baseline-'));
  const file = path.join(dir, 'base-checkout.json');
  await writeFile(file, renderJson(report));
  const rel = path.relative(inp.cwd, full).split(path.sep).join('/');
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  return {
    file,
    exclude: inside ? [rel, `${rel}/**`] : [],
    note: `Baseline: a scan of the checkout \`${inp.baseline}\` (${report.summary.byStatus.fail} failing findings there).`,
  };
}

async function writeOut(cwd: string, name: string, file: string, text: string): Promise<string> {
  const full = path.resolve(cwd, file);
  try {
    await writeFile(full, text);
  } catch (e) {
    throw new InputError(`input "${name}": cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return full;
}

interface PullRequest {
  number: number;
  /** A pull request from a fork under `pull_request`: the token is read-only. */
  fork: boolean;
}

async function pullRequestOf(env: Env): Promise<PullRequest | null> {
  const eventPath = env['GITHUB_EVENT_PATH'];
  if (!eventPath) return null;
  let event: { pull_request?: { number?: unknown; head?: { repo?: { full_name?: unknown } | null } } };
  try {
    event = JSON.parse(await readFile(eventPath, 'utf8')) as typeof event;
  } catch {
    return null;
  }
  const pr = event.pull_request;
  if (!pr || typeof pr.number !== 'number') return null;
  const head = pr.head?.repo?.full_name;
  const fork = env['GITHUB_EVENT_NAME'] !== 'pull_request_target' && head !== env['GITHUB_REPOSITORY'];
  return { number: pr.number, fork };
}

/** Posted, skipped with the reason (said in the summary and a warning), or null: nothing to comment on. */
type CommentOutcome = { posted: CommentResult & { ok: true } } | { skipped: string } | null;

async function postComment(inp: Inputs, env: Env, markdown: string, report: Report): Promise<CommentOutcome> {
  if (!inp.comment) return null;
  const pr = await pullRequestOf(env);
  if (pr === null) return null; // not a pull request: nothing to comment on, nothing to say
  if (pr.fork) {
    return { skipped: 'this pull request comes from a fork, and a fork\'s `pull_request` workflow gets a read-only token' };
  }
  const [owner, repo] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  if (!owner || !repo) return { skipped: 'GITHUB_REPOSITORY is not set' };
  if (inp.token === '') return { skipped: 'input "github-token" is empty' };
  const marker = commentMarker(inp.category);
  const runUrl = env['GITHUB_RUN_ID'] ? `${env['GITHUB_SERVER_URL'] ?? 'https://github.com'}/${owner}/${repo}/actions/runs/${env['GITHUB_RUN_ID']}` : '';
  const footer = `\n---\n<sub>oobguard ${VERSION}${runUrl ? ` · [workflow run](${runUrl})` : ''} · ${report.scannedAt} · this comment is updated on every run</sub>\n`;
  const result = await upsertComment(
    { apiUrl: env['GITHUB_API_URL'] || 'https://api.github.com', owner, repo, pullNumber: pr.number, token: inp.token },
    marker, `${marker}\n${markdown}${footer}`,
  );
  if (result.ok) return { posted: result };
  return {
    skipped: result.permission
      ? `the token may not write pull-request comments (${result.why}): give the job \`permissions: pull-requests: write\``
      : `the GitHub API failed (${result.why})`,
  };
}

function outputsOf(report: Report, sarif: string, json: string): Record<string, string | number> {
  const s = report.summary;
  const failing = report.findings.filter((f) => f.status === 'fail');
  return {
    verdict: s.verdict,
    ...s.failingBySeverity,
    failing: s.byStatus.fail,
    new: report.baseline ? failing.filter((f) => f.baseline === 'new').length : failing.length,
    unknown: s.byStatus.unknown + s.byStatus.error,
    'sarif-file': sarif,
    'json-file': json,
    'exit-code': report.exitCode,
  };
}

/** Run the Action; returns the step's exit code. */
export async function runAction(io: ActionIo): Promise<number> {
  const { env } = io;
  const log = (s: string): void => io.stdout(logLine(s));
  try {
    const inp = await readInputs(env, io);
    log(`oobguard ${VERSION}: scanning ${inp.paths.join(', ')} in ${path.relative(inp.workspace, inp.cwd) || '.'}`);
    const base = await resolveBaseline(inp, env);
    const options: RunOptions = {
      cwd: inp.cwd,
      paths: inp.paths,
      ...(inp.config !== '' ? { configFile: inp.config } : {}),
      ...(inp.failOn ? { failOn: inp.failOn } : {}),
      ...(base.file ? { baseline: base.file } : {}),
      ...(base.exclude.length > 0 ? { exclude: base.exclude } : {}),
    };
    const { report } = await run(options);
    for (const d of report.diagnostics) log(`oobguard: ${d.severity}: ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`);
    // SARIF, annotations and the Markdown show paths from the repository root, as GitHub does.
    const shown = rebaseReport(report, inp.cwd, inp.workspace);
    const sarif = inp.sarifFile === '' ? '' : await writeOut(inp.cwd, 'sarif-file', inp.sarifFile, renderSarif(shown, { srcRoot: inp.workspace, category: inp.category }));
    const json = inp.jsonFile === '' ? '' : await writeOut(inp.cwd, 'json-file', inp.jsonFile, renderJson(report));

    const notes: string[] = [];
    if (base.note) notes.push(base.note);
    const markdown = renderMarkdown(shown, { showPassed: false });
    const comment = await postComment(inp, env, markdown, report);
    let alert = '';
    if (comment && 'posted' in comment) log(`oobguard: pull-request comment ${comment.posted.action}${comment.posted.url ? `: ${comment.posted.url}` : ''}`);
    else if (comment) {
      // Printed before the findings' annotations, and counted with them: GitHub drops the 11th warning.
      const why = `The pull-request comment was not posted: ${comment.skipped}. The report is in this job summary instead.`;
      io.stdout(`${annotationCommand('warning', why, { title: 'oobguard: no pull-request comment' })}\n`);
      alert = `> [!WARNING]\n> ${why}\n\n`;
    }
    if (inp.annotations) {
      const plan = planAnnotations(shown, { warning: alert === '' ? 0 : 1 });
      for (const line of annotationLines(plan)) io.stdout(`${line}\n`);
      if (plan.omitted > 0) {
        log(`oobguard: ${omittedNote(plan.omitted, plan.total)}`);
        notes.push(omittedNote(plan.omitted, plan.total));
      }
    }
    const outputs = { ...outputsOf(report, sarif, json), 'comment-url': comment && 'posted' in comment ? comment.posted.url : '' };
    if (!setOutputs(env, outputs)) log('oobguard: GITHUB_OUTPUT is not set; step outputs not written');
    // The summary is written when asked, and always when it stands in for a comment that failed.
    if (inp.summary || alert !== '') {
      const tail = notes.length > 0 ? `\n${notes.map((n) => `- ${n}`).join('\n')}\n` : '';
      if (!appendSummary(env, `${alert}${markdown}${tail}`)) log('oobguard: GITHUB_STEP_SUMMARY is not set; no job summary written');
    }
    log(`oobguard: ${report.summary.verdict} (exit code ${report.exitCode})${sarif ? `; SARIF: ${path.relative(inp.workspace, sarif)}` : ''}`);
    return report.exitCode;
  } catch (e) {
    if (e instanceof InputError || e instanceof UsageError) {
      io.stdout(`${annotationCommand('error', `oobguard: ${e.message}`)}\n`);
      return 3;
    }
    io.stdout(`${annotationCommand('error', `oobguard: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`)}\n`);
    return 3;
  }
}
