/**
 * The GitHub Actions runner protocol, the small part the oobguard Action needs: inputs from
 * `INPUT_<NAME>` variables, outputs appended to the `GITHUB_OUTPUT` file, the job summary appended
 * to the `GITHUB_STEP_SUMMARY` file, and workflow commands (`::error file=…,line=…::message`)
 * printed on stdout.
 *
 * Written here rather than taken from `@actions/core`: it is about a hundred lines, it keeps the
 * committed Action bundle free of a dependency tree (`@actions/core` 3.x pulls `@actions/http-client`
 * and `undici`), and every escaping rule is visible and tested. Follows the documented formats:
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

export type Env = Readonly<Record<string, string | undefined>>;

/** An input the workflow set wrongly: the Action stops with exit code 3 and says which and what to do. */
export class InputError extends Error {}

/**
 * An input as the runner passes it (`with: { fail-on: high }` → `INPUT_FAIL-ON`), trimmed. The
 * runner sets every input action.yml declares, its default included, so `fallback` (the same
 * default) applies only when the Action is run some other way; an input set to '' stays ''.
 */
export function input(env: Env, name: string, fallback = ''): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? fallback).trim();
}

/** A boolean input in the YAML 1.2 core schema spelling (as `core.getBooleanInput`), or `fallback` when unset. */
export function booleanInput(env: Env, name: string, fallback: boolean): boolean {
  const v = input(env, name);
  if (v === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(v)) return true;
  if (['false', 'False', 'FALSE'].includes(v)) return false;
  throw new InputError(`input "${name}" must be true or false (got "${v}")`);
}

/** A list input: one item per line or separated by commas, blanks dropped. */
export function listInput(env: Env, name: string): string[] {
  return input(env, name).split(/[\n,]/).map((s) => s.trim()).filter((s) => s !== '');
}

/** Append `name` = `value` to the GITHUB_OUTPUT file (multi-line safe: a random heredoc delimiter). */
export function setOutputs(env: Env, outputs: Readonly<Record<string, string | number>>): boolean {
  const file = env['GITHUB_OUTPUT'];
  if (!file) return false;
  let text = '';
  for (const [name, raw] of Object.entries(outputs)) {
    const value = String(raw);
    const delimiter = `ghadelimiter_${randomUUID()}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  appendFileSync(file, text);
  return true;
}

/** Append Markdown to the job summary; false when the runner gave no summary file. */
export function appendSummary(env: Env, markdown: string): boolean {
  const file = env['GITHUB_STEP_SUMMARY'];
  if (!file) return false;
  appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  return true;
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface AnnotationProps {
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
}

/** Command data: `%`, CR and LF escaped, so a message can never end the command or start another. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Command property values also escape `:` and `,`, which separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line: `::error file=a.yaml,line=3,title=T::message`. */
export function annotationCommand(level: AnnotationLevel, message: string, props: AnnotationProps = {}): string {
  const parts = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${level}${parts.length > 0 ? ` ${parts.join(',')}` : ''}::${escapeData(message)}`;
}

/**
 * A plain log line. Control characters (a newline in a scanned file name included) are replaced,
 * so nothing that came from the scanned files can start a line the runner reads as a command.
 */
export function logLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return `${s.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, '?').replace(/^::/, ': :')}\n`;
}
