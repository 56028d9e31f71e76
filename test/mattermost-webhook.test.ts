/**
 * `scan --notify-mattermost-webhook` / OOBGUARD_MATTERMOST_WEBHOOK against a local HTTP server that
 * records what Mattermost would receive: one JSON `{"text": …}` post after the report is written;
 * and failing safe — a 500, a 404, a redirect, a closed port and a server that never answers each
 * leave the outputs and the exit code as they are, with a warning on stderr that names the problem
 * and never the URL (a secret).
 */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { notifyMattermost, postToWebhook, resolveWebhook } from '../src/notify/mattermost-webhook.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { run } from '../src/run.ts';
import { inTempDir, runCli } from './helpers/cli.ts';

const KEY = 'x8k3j5hq1p7fmc9tw4ra6ydn2e';
const INSECURE = path.join(PACKAGE_ROOT, 'examples/insecure');

interface Recorded {
  method: string;
  path: string;
  contentType: string | undefined;
  body: string;
}

interface HookServer {
  url: string;
  posts: Recorded[];
  close(): Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

/** A stand-in for Mattermost's /hooks/<key> endpoint: records each request, answers with `reply`. */
async function startHook(reply: (req: IncomingMessage, res: ServerResponse) => void = (_, res) => { res.setHeader('content-type', 'text/plain'); res.end('ok'); }): Promise<HookServer> {
  const posts: Recorded[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      posts.push({ method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'], body });
      reply(req, res);
    });
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/${KEY}`, posts, close: async () => { server.closeAllConnections(); server.close(); } };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as AddressInfo;
  s.close();
  await once(s, 'close');
  return port;
}

async function scanWith(env: NodeJS.ProcessEnv, extra: string[] = []): Promise<{ code: number; stdout: string; stderr: string; report: string }> {
  return inTempDir(async (dir) => {
    const r = await runCli(['scan', INSECURE, '--format', 'json', '--output', 'report.json', ...extra], { cwd: dir, env });
    return { ...r, report: await readFile(path.join(dir, 'report.json'), 'utf8') };
  });
}

function expectNoSecret(...texts: string[]): void {
  for (const t of texts) {
    expect(t).not.toContain(KEY);
    expect(t).not.toMatch(/127\.0\.0\.1:\d|mm-hooks\.example\.net/);
  }
}

describe('posting the report summary to a Mattermost incoming webhook', () => {
  it('posts one JSON {"text"} after writing the report; the exit code is the scan’s', async () => {
    const hook = await startHook();
    const plain = await scanWith({});
    const r = await scanWith({ OOBGUARD_MATTERMOST_WEBHOOK: hook.url });
    expect(r.code).toBe(plain.code);
    expect(JSON.parse(r.report)).toMatchObject({ summary: { verdict: 'incomplete' } });
    expect(hook.posts).toHaveLength(1);
    const post = hook.posts[0]!;
    expect(post).toMatchObject({ method: 'POST', path: `/hooks/${KEY}`, contentType: 'application/json' });
    const body = JSON.parse(post.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['text']);
    const text = body['text'] as string;
    const report = JSON.parse(r.report) as { summary: { byStatus: { fail: number } } };
    expect(text).toMatch(/^#### :warning: oobguard: INCOMPLETE/);
    expect(text).toContain(`${report.summary.byStatus.fail} failing (`);
    expect(text).toContain('| critical |');
    // Most severe first: every critical finding listed before the first high one.
    const listed = [...text.matchAll(/^- \*\*(critical|high|medium|low|info)\*\*/gm)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.lastIndexOf('critical')).toBeLessThan(listed.indexOf('high'));
    expect(r.stderr).toContain('report summary posted to Mattermost');
    expectNoSecret(r.stdout, r.stderr, r.report);
  });

  it('--notify-mattermost-webhook works too and wins over the environment', async () => {
    const flagged = await startHook();
    const env = await startHook();
    const r = await scanWith({ OOBGUARD_MATTERMOST_WEBHOOK: env.url }, ['--notify-mattermost-webhook', flagged.url, '--quiet']);
    expect(flagged.posts).toHaveLength(1);
    expect(env.posts).toHaveLength(0);
    // Quiet: no note on success.
    expect(r.stderr).toBe('');
  });

  it('a 500 from Mattermost: warning naming HTTP 500 and the server message (key removed), outputs and exit code unchanged', async () => {
    const hook = await startHook((_, res) => {
      res.statusCode = 500;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'web.incoming_webhook.post.app_error', message: `Unable to post to hook ${KEY}`, status_code: 500 }));
    });
    const plain = await scanWith({});
    const r = await scanWith({ OOBGUARD_MATTERMOST_WEBHOOK: hook.url });
    expect(hook.posts).toHaveLength(1);
    expect(r.code).toBe(plain.code);
    expect(JSON.parse(r.report)).toEqual({ ...(JSON.parse(plain.report) as object), scannedAt: expect.any(String) as unknown });
    expect(r.stderr).toMatch(/oobguard: warning: the report summary was not posted to Mattermost: the webhook answered HTTP 500: Unable to post to hook <redacted> \(web\.incoming_webhook\.post\.app_error\)/);
    expect(r.stderr).toContain("outputs and exit code are unaffected");
    expectNoSecret(r.stdout, r.stderr);
  });

  it('a deleted webhook (404) says what to check', async () => {
    const hook = await startHook((_, res) => { res.statusCode = 404; res.end(); });
    const r = await scanWith({ OOBGUARD_MATTERMOST_WEBHOOK: hook.url });
    expect(r.stderr).toMatch(/HTTP 404 \(is the incoming webhook deleted or disabled/);
    expectNoSecret(r.stderr);
  });

  it('a closed port: warning naming ECONNREFUSED, even with --quiet; the report is still written and the exit code unchanged', async () => {
    const port = await closedPort();
    const plain = await scanWith({});
    const r = await scanWith({ OOBGUARD_MATTERMOST_WEBHOOK: `http://127.0.0.1:${port}/hooks/${KEY}` }, ['--quiet']);
    expect(r.code).toBe(plain.code);
    expect(JSON.parse(r.report)).toMatchObject({ summary: { verdict: 'incomplete' } });
    expect(r.stderr).toMatch(/^oobguard: warning: the report summary was not posted to Mattermost: the connection to the webhook was refused \(ECONNREFUSED/);
    expectNoSecret(r.stderr);
    expect(r.stderr).not.toContain(String(port));
  });

  it('a webhook that never answers: the post gives up after the timeout with a warning', async () => {
    const hook = await startHook(() => { /* never answers */ });
    const { report } = await run({ cwd: PACKAGE_ROOT, paths: [INSECURE] });
    const started = Date.now();
    const line = await notifyMattermost(report, new URL(hook.url), { quiet: false, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(hook.posts).toHaveLength(1);
    expect(line).toBe("oobguard: warning: the report summary was not posted to Mattermost: no answer from the webhook within 0.3 s. The scan's outputs and exit code are unaffected.\n");
  });

  it('a redirect is not followed (the post and its key would go elsewhere)', async () => {
    const target = await startHook();
    const hook = await startHook((_, res) => { res.statusCode = 307; res.setHeader('location', target.url); res.end(); });
    const outcome = await postToWebhook(new URL(hook.url), 'hello');
    expect(outcome).toEqual({ ok: false, problem: 'the webhook answered with a redirect (HTTP 307); configure the final https address of the incoming webhook' });
    expect(target.posts).toHaveLength(0);
  });

  it('refuses plain http to another host, and a malformed URL, before scanning (exit 3), without quoting the URL', async () => {
    for (const [env, flag] of [
      [{ OOBGUARD_MATTERMOST_WEBHOOK: `http://mm-hooks.example.net/hooks/${KEY}` }, []],
      [{}, ['--notify-mattermost-webhook', `mm-hooks.example.net/hooks/${KEY}`]],
      [{}, ['--notify-mattermost-webhook', `https://user:pw@mm-hooks.example.net/hooks/${KEY}`]],
    ] as const) {
      const r = await inTempDir((dir) => runCli(['scan', INSECURE, ...flag], { cwd: dir, env }));
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^oobguard scan: (OOBGUARD_MATTERMOST_WEBHOOK|--notify-mattermost-webhook): /);
      expectNoSecret(r.stderr);
      expect(r.stderr).not.toContain('pw@');
    }
  });

  it('accepts https anywhere and http only on loopback; no variable, no post', () => {
    expect(resolveWebhook(undefined, {})).toEqual({ url: null });
    expect(resolveWebhook(undefined, { OOBGUARD_MATTERMOST_WEBHOOK: '  ' })).toEqual({ url: null });
    expect(resolveWebhook(undefined, { OOBGUARD_MATTERMOST_WEBHOOK: `https://chat.oob.example.org/hooks/${KEY}` })).toMatchObject({ url: expect.any(URL) as unknown });
    expect(resolveWebhook(`http://localhost:8065/hooks/${KEY}`, {})).toMatchObject({ url: expect.any(URL) as unknown });
    expect(resolveWebhook(`http://[::1]:8065/hooks/${KEY}`, {})).toMatchObject({ url: expect.any(URL) as unknown });
    expect(resolveWebhook(`http://10.0.0.5/hooks/${KEY}`, {})).toHaveProperty('error');
  });
});
