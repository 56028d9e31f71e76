/**
 * Post a report's summary to a Mattermost channel through an incoming webhook: the OOB platform
 * reporting on itself (`scan --notify-mattermost-webhook URL`, or OOBGUARD_MATTERMOST_WEBHOOK).
 *
 * The URL is a secret (whoever holds it can post to the channel), so it is never printed: not in
 * errors, not in warnings, not in the report. It must be https (http only to the local machine),
 * as for the Mattermost API client (src/collectors/mattermost-live/collect.ts).
 *
 * Failing safe: the post happens after the report is written, and a webhook that refuses the
 * connection, times out, redirects or answers 4xx/5xx only yields a warning naming the problem —
 * the scan's outputs and exit code stay what they are, because the exit code reports the posture,
 * not the messenger.
 */
import type { Report } from '../engine/types.ts';
import { renderMattermostSummary } from './mattermost-summary.ts';

export const WEBHOOK_ENV = 'OOBGUARD_MATTERMOST_WEBHOOK';
export const WEBHOOK_FLAG = '--notify-mattermost-webhook';
/** How long one post may take, connection to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_ERROR_BODY = 4096;
const MAX_SERVER_MESSAGE = 200;

export type WebhookOutcome = { ok: true } | { ok: false; problem: string };

/**
 * The webhook to post to: the flag, else the environment variable, else none. A malformed or
 * non-https URL is a usage error, named by where it came from and never quoted.
 */
export function resolveWebhook(flag: string | undefined, env: NodeJS.ProcessEnv): { url: URL | null } | { error: string } {
  const fromFlag = flag !== undefined;
  const raw = (fromFlag ? flag : env[WEBHOOK_ENV] ?? '').trim();
  if (raw === '' && !fromFlag) return { url: null };
  const where = fromFlag ? WEBHOOK_FLAG : WEBHOOK_ENV;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: `${where}: not a valid URL (expected the incoming webhook's address, https://<mattermost host>/hooks/<key>; the value is not shown because it is a secret)` };
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return { error: `${where}: the webhook URL must use https:// (http:// only for 127.0.0.1 and localhost); the value is not shown because it is a secret` };
  }
  if (url.username !== '' || url.password !== '') return { error: `${where}: the webhook URL must not contain credentials` };
  return { url };
}

/** POST `{"text": …}` to the webhook; never throws. */
export async function postToWebhook(url: URL, text: string, opts: { timeoutMs?: number } = {}): Promise<WebhookOutcome> {
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ text }),
      // A webhook does not redirect; following one could send the post (and the key) elsewhere.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    return { ok: false, problem: networkProblem(e, timeoutMs) };
  }
  let body = '';
  try {
    body = (await res.text()).slice(0, MAX_ERROR_BODY);
  } catch {
    // The answer's status is what matters; a body cut short changes nothing.
  }
  if (res.status >= 200 && res.status < 300) return { ok: true };
  if (res.status >= 300 && res.status < 400) return { ok: false, problem: `the webhook answered with a redirect (HTTP ${res.status}); configure the final https address of the incoming webhook` };
  const said = serverMessage(body, url);
  const hint = res.status === 400 || res.status === 404 || res.status === 403 || res.status === 401
    ? ' (is the incoming webhook deleted or disabled, or are incoming webhooks off in the System Console?)'
    : res.status >= 500 ? ' (the Mattermost server failed; the next scan will try again)' : '';
  return { ok: false, problem: `the webhook answered HTTP ${res.status}${said ? `: ${said}` : ''}${hint}` };
}

/**
 * Render, post and describe the outcome as the CLI prints it on stderr: a warning on failure
 * (printed even with --quiet: it is the only sign the channel was not told), a note on success.
 */
export async function notifyMattermost(report: Report, url: URL, opts: { quiet: boolean; timeoutMs?: number }): Promise<string> {
  const outcome = await postToWebhook(url, renderMattermostSummary(report), opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {});
  if (outcome.ok) return opts.quiet ? '' : 'oobguard: report summary posted to Mattermost (incoming webhook)\n';
  return `oobguard: warning: the report summary was not posted to Mattermost: ${outcome.problem}. The scan's outputs and exit code are unaffected.\n`;
}

function networkProblem(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; cause?: { code?: string; name?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || err.cause?.name === 'TimeoutError') {
    return `no answer from the webhook within ${timeoutMs / 1000} s`;
  }
  const code = err.cause?.code;
  switch (code) {
    case 'ECONNREFUSED': return 'the connection to the webhook was refused (ECONNREFUSED; is Mattermost up, and does the NetworkPolicy allow egress to it?)';
    case 'ENOTFOUND': case 'EAI_AGAIN': return `the webhook's host name does not resolve (${code})`;
    case 'ECONNRESET': case 'UND_ERR_SOCKET': return `the connection to the webhook was closed before it answered (${code})`;
    case 'ETIMEDOUT': case 'UND_ERR_CONNECT_TIMEOUT': case 'ENETUNREACH': case 'EHOSTUNREACH':
      return `the webhook could not be reached (${code}; does the NetworkPolicy allow egress to it?)`;
    default:
      // TLS failures and the rest: the code names the problem; the message could quote the address.
      return code ? `the request to the webhook failed (${code})` : 'the request to the webhook failed';
  }
}

/** Mattermost's error answer `{id, message}`: its id and message, with any part of the URL removed. */
function serverMessage(body: string, url: URL): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return '';
  }
  if (parsed === null || typeof parsed !== 'object') return '';
  const { id, message } = parsed as { id?: unknown; message?: unknown };
  const text = [typeof message === 'string' ? message : '', typeof id === 'string' ? `(${id})` : ''].filter((x) => x !== '').join(' ');
  // eslint-disable-next-line no-control-regex
  return redactUrl(text, url).replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').slice(0, MAX_SERVER_MESSAGE);
}

/** Remove the URL and each of its path segments (the hook key) from a text. */
function redactUrl(text: string, url: URL): string {
  let out = text.split(url.href).join('<webhook>');
  for (const seg of url.pathname.split('/').filter((s) => s.length >= 6)) out = out.split(seg).join('<redacted>');
  return out;
}
