/**
 * The live Mattermost collector against a local server that speaks Mattermost's REST API:
 * the sanitized configuration goes through the same effective-config path as a config.json,
 * accounts and tokens are paged, and every failure (401, 403, 429, 5xx, timeouts, malformed JSON)
 * becomes a coverage gap that makes rules unknown — with the token never in any output.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { collectFiles } from '../src/collectors/files.ts';
import { collectMattermost, parseMattermostUrl, type MattermostLiveResult } from '../src/collectors/mattermost-live/collect.ts';
import { defaultConfig } from '../src/config/config.ts';
import { evaluate } from '../src/engine/evaluate.ts';
import { emptySnapshot } from '../src/model/snapshot.ts';
import { loadRules } from '../src/run.ts';
import { VERSION } from '../src/version.ts';
import { SANITIZED, apiUser, retentionJob, sanitizedConfig, startMattermostApi, type FakeMattermost, type FakeMattermostOptions } from './helpers/mattermost-api-server.ts';

const TOKEN = 'k1x9q3wz7ubm5fhy8dtr2ceo4a';
const NOW = '2026-11-20T12:00:00Z';

let server: FakeMattermost | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function collectFrom(o: Partial<FakeMattermostOptions>, extra: { timeoutMs?: number; token?: string } = {}): Promise<{ result: MattermostLiveResult; waits: number[]; srv: FakeMattermost }> {
  const srv = await startMattermostApi({ token: TOKEN, config: sanitizedConfig(), ...o });
  server = srv;
  const waits: number[] = [];
  const result = await collectMattermost({
    url: srv.url,
    token: extra.token ?? TOKEN,
    sleep: async (ms) => { waits.push(ms); },
    ...(extra.timeoutMs !== undefined ? { timeoutMs: extra.timeoutMs } : {}),
  });
  return { result, waits, srv };
}

function expectNoToken(result: MattermostLiveResult, token = TOKEN): void {
  expect(JSON.stringify(result)).not.toContain(token);
  for (const g of result.coverage.gaps) {
    expect(g.error).not.toContain(token);
    expect(g.permission ?? '').not.toContain(token);
  }
}

async function evaluateLive(result: MattermostLiveResult) {
  const files = await collectFiles({ cwd: process.cwd(), paths: [], live: [result] });
  const snapshot = emptySnapshot(VERSION, NOW);
  snapshot.mattermost.configs = files.configs;
  snapshot.coverage = [result.coverage];
  const { rules } = await loadRules({ cwd: process.cwd() });
  return { files, report: evaluate({ rules, snapshot, config: defaultConfig(), now: NOW }) };
}

describe('collectMattermost', () => {
  it('hands over the sanitized effective config: secrets unknown, MFA settings judged', async () => {
    const { result, srv } = await collectFrom({ environment: { ServiceSettings: { SiteURL: true }, SqlSettings: { DataSource: true } } });
    const host = new URL(srv.url).host;
    expect(result.coverage).toEqual({ source: 'mattermost', scope: host, calls: 8, failedCalls: 0, gaps: [] });
    expect(result.mattermostConfigs).toHaveLength(1);
    expect(result.mattermostConfigs[0]?.source).toEqual({ file: `oobguard-live/mattermost/${host}`, line: 1, ref: 'GET /api/v4/config' });
    expect(result.server).toEqual({
      kind: 'MattermostServer', id: `mattermost/${host}`, name: host, source: { file: `oobguard-live/mattermost/${host}`, line: 1, ref: 'GET /api/v4/system/ping' },
      server: host, version: '10.5.1', buildNumber: '13456789', status: 'OK', licensed: true, sku: 'enterprise',
      environmentKeys: ['ServiceSettings.SiteURL', 'SqlSettings.DataSource'],
    });
    // Every request carried the token in the Authorization header only.
    for (const r of srv.requests) {
      expect(r.authorization).toBe(`Bearer ${TOKEN}`);
      expect(JSON.stringify(r.query)).not.toContain(TOKEN);
    }

    const { files, report } = await evaluateLive(result);
    expect(files.configs).toHaveLength(1);
    const cfg = files.configs[0]!;
    expect(cfg.storedConfigKnown).toBe(true);
    expect(cfg.secrets['SqlSettings.DataSource']).toBeUndefined();
    const unknownKeys = Object.keys(cfg.unknown ?? {});
    expect(unknownKeys.some((k) => k.includes('SqlSettings.DataSource') && k.startsWith('secrets'))).toBe(true);
    expect(cfg.unknown?.['dataSources']).toMatch(/sanitized placeholder/);
    expect(cfg.settings['ServiceSettings']?.['EnableMultifactorAuthentication']).toBe(true);
    // Keys the server says its environment sets are layer "env"; the rest came from its stored config.
    expect(cfg.layers['ServiceSettings.SiteURL']).toBe('env');
    expect(cfg.layers['SqlSettings.DataSource']).toBe('env');
    expect(cfg.layers['ServiceSettings.EnableMultifactorAuthentication']).toBe('file');

    const mfa = report.findings.filter((f) => f.ruleId === 'ZT-MFA-001');
    expect(mfa).toHaveLength(1);
    expect(mfa[0]?.status).toBe('fail');
    expect(mfa[0]?.message).toMatch(/EnforceMultifactorAuthentication is false/);
    expect(mfa[0]?.source.file).toBe(`oobguard-live/mattermost/${host}`);
  });

  it('keeps secrets sanitized: a key Mattermost returns in clear is masked before it leaves the collector', async () => {
    const { result } = await collectFrom({});
    const text = JSON.stringify(result);
    expect(text).not.toContain('CANARY-EXPORT-S3-SECRET-9d1e');
    const fileSettings = result.mattermostConfigs[0]?.config['FileSettings'] as Record<string, unknown>;
    expect(fileSettings['ExportAmazonS3SecretAccessKey']).toBe(SANITIZED);
    expect(fileSettings['AmazonS3SecretAccessKey']).toBe(SANITIZED);
    // "Not set" is not a secret and stays visible.
    expect((result.mattermostConfigs[0]?.config['LdapSettings'] as Record<string, unknown>)['BindPassword']).toBe('');
    expectNoToken(result);
  });

  it('pages through users (3 pages) and tokens, keeping only the e-mail domain and never a token value', async () => {
    const users = Array.from({ length: 450 }, (_, i) => apiUser(i));
    users[0] = apiUser(0, { username: 'breakglass1', roles: 'system_admin system_user', mfa_active: true });
    users[1] = apiUser(1, { username: 'sso-admin', roles: 'system_user system_admin', auth_service: 'openid', auth_data: 'abc' });
    users[2] = apiUser(2, { username: 'gone', delete_at: 1730000000000 });
    users[3] = apiUser(3, { username: 'incident-bot', is_bot: true, email: 'incident-bot@localhost' });
    const tokens = [
      { id: 't'.padEnd(26, '1'), token: '', user_id: users[3]!['id']!, description: 'incident automation', is_active: true },
      { id: 't'.padEnd(26, '2'), token: '', user_id: users[0]!['id']!, description: 'old script', is_active: false, expires_at: 0 },
    ];
    const { result, srv } = await collectFrom({ users, tokens });
    const pages = srv.requests.filter((r) => r.path === '/api/v4/users').map((r) => `${r.query['page']}/${r.query['per_page']}`);
    expect(pages).toEqual(['0/200', '1/200', '2/200']);
    expect(result.users).toHaveLength(450);
    const host = new URL(srv.url).host;
    expect(result.users[0]).toEqual({
      id: `mattermost/${host}/user/${users[0]!['id']}`, kind: 'MattermostUser', name: 'breakglass1',
      source: { file: `oobguard-live/mattermost/${host}`, line: 1, ref: `GET /api/v4/users/${users[0]!['id']}` },
      server: host, userId: users[0]!['id'], username: 'breakglass1', emailDomain: 'oob.example.org', authService: '',
      mfaActive: true, deleteAt: 0, roles: ['system_admin', 'system_user'], isBot: false,
    });
    expect(result.users[1]).toMatchObject({ authService: 'openid', mfaActive: false, roles: ['system_user', 'system_admin'] });
    expect(result.users[2]).toMatchObject({ deleteAt: 1730000000000 });
    expect(result.users[3]).toMatchObject({ isBot: true, emailDomain: 'localhost' });
    expect(JSON.stringify(result.users)).not.toMatch(/user\d+@/);
    expect(result.accessTokens).toEqual([
      expect.objectContaining({ tokenId: 't'.padEnd(26, '1'), userId: users[3]!['id'], ownerUsername: 'incident-bot', description: 'incident automation', isActive: true, expiresAt: null }),
      expect.objectContaining({ tokenId: 't'.padEnd(26, '2'), ownerUsername: 'breakglass1', isActive: false, expiresAt: 0 }),
    ]);
    expect(result.accessTokens.every((t) => !('token' in t))).toBe(true);
    expect(result.coverage.gaps).toEqual([]);
  });

  it('403 on /config: a gap with the server\'s message and the permission, and config rules become unknown', async () => {
    const { result } = await collectFrom({ forbid: ['/api/v4/config', '/api/v4/users/tokens'], users: [apiUser(1)] });
    expect(result.mattermostConfigs).toEqual([]);
    expect(result.coverage.gaps).toEqual([
      { collection: 'mattermost.configs', scope: '', api: 'GET /api/v4/config', error: '403 Forbidden: You do not have the appropriate permissions.', permission: 'sysconsole_read_* (system admin or a read-only admin role)' },
      { collection: 'mattermost.accessTokens', scope: '', api: 'GET /api/v4/users/tokens?per_page=200&page=0', error: '403 Forbidden: You do not have the appropriate permissions.', permission: expect.stringContaining('manage_system') },
    ]);
    // The users list needs less than the config: it was still read.
    expect(result.users).toHaveLength(1);
    expect(result.coverage.failedCalls).toBe(2);

    const { report } = await evaluateLive(result);
    const onConfigs = report.findings.filter((f) => f.ruleId === 'ZT-MFA-001');
    expect(onConfigs).toHaveLength(1);
    expect(onConfigs[0]).toMatchObject({ status: 'unknown', objectKind: 'Coverage' });
    expect(onConfigs[0]?.reasons?.[0]).toMatch(/GET \/api\/v4\/config failed: 403 Forbidden: .* — needs sysconsole_read_\*/);
    const configRuleIds = new Set(report.rules.filter((r) => r.target === 'mattermost.configs').map((r) => r.id));
    expect(configRuleIds.size).toBeGreaterThan(5);
    for (const f of report.findings.filter((x) => configRuleIds.has(x.ruleId))) expect(f.status).toBe('unknown');
    expectNoToken(result);
  });

  it('401: one call, nothing else attempted, every collection a gap with a hint to check the token', async () => {
    const wrong = 'wrongtoken0000000000000000';
    const { result, srv } = await collectFrom({}, { token: wrong });
    expect(srv.requests).toHaveLength(1);
    expect(result.coverage.calls).toBe(1);
    expect(result.coverage.failedCalls).toBe(1);
    expect(result.coverage.gaps[0]).toEqual({
      collection: 'mattermost.configs', scope: '', api: 'GET /api/v4/config', error: '401 Unauthorized', permission: expect.stringMatching(/check that it is the right one/),
    });
    expect(result.coverage.gaps.map((g) => g.collection)).toEqual(['mattermost.configs', 'mattermost.users', 'mattermost.accessTokens', 'mattermost.dataRetention']);
    expectNoToken(result, wrong);
  });

  it('429 with Retry-After: 0 is retried after the announced wait', async () => {
    const tooMany = { status: 429, body: JSON.stringify({ id: 'api.context.rate_limit', message: 'limit exceeded', status_code: 429 }), headers: { 'Retry-After': '0', 'X-Ratelimit-Limit': '10', 'X-Ratelimit-Remaining': '0' } };
    const { result, waits, srv } = await collectFrom({ script: { '/api/v4/config': [tooMany, tooMany] } });
    expect(srv.requests.filter((r) => r.path === '/api/v4/config')).toHaveLength(3);
    expect(waits).toEqual([0, 0]);
    expect(result.mattermostConfigs).toHaveLength(1);
    expect(result.coverage.gaps).toEqual([]);
  });

  it('429 three times: gives up after 3 tries with a gap', async () => {
    const tooMany = { status: 429, body: '{}', headers: { 'Retry-After': '0' } };
    const { result, srv } = await collectFrom({ script: { '/api/v4/config': [tooMany, tooMany, tooMany, tooMany] } });
    expect(srv.requests.filter((r) => r.path === '/api/v4/config')).toHaveLength(3);
    expect(result.coverage.gaps[0]).toMatchObject({ collection: 'mattermost.configs', error: '429 Too Many Requests' });
  });

  it('500 then success: retried; 500 three times: a gap', async () => {
    const err = { status: 500, body: JSON.stringify({ id: 'app.user.get.app_error', message: 'Unable to get users.', status_code: 500 }) };
    const { result, srv } = await collectFrom({ users: [apiUser(1)], script: { '/api/v4/config': [err], '/api/v4/users': [err, err, err] } });
    expect(srv.requests.filter((r) => r.path === '/api/v4/config')).toHaveLength(2);
    expect(result.mattermostConfigs).toHaveLength(1);
    expect(srv.requests.filter((r) => r.path === '/api/v4/users')).toHaveLength(3);
    expect(result.users).toEqual([]);
    expect(result.coverage.gaps).toEqual([
      { collection: 'mattermost.users', scope: '', api: 'GET /api/v4/users?per_page=200&page=0', error: '500 Internal Server Error: Unable to get users.' },
    ]);
  });

  it('a list that fails on a later page is dropped, not half-read', async () => {
    const users = Array.from({ length: 250 }, (_, i) => apiUser(i));
    const forbidden = { status: 403, body: JSON.stringify({ id: 'api.context.permissions.app_error', message: 'You do not have the appropriate permissions.', status_code: 403 }) };
    const { result } = await collectFrom({ users, script: { '/api/v4/users': [{ status: 200, body: JSON.stringify(users.slice(0, 200)) }, forbidden] } });
    expect(result.users).toEqual([]);
    expect(result.coverage.gaps[0]).toMatchObject({ collection: 'mattermost.users', api: 'GET /api/v4/users?per_page=200&page=1' });
  });

  it('malformed JSON (an HTML page from a proxy) is a gap, not a crash', async () => {
    const { result } = await collectFrom({ script: { '/api/v4/config': [{ status: 200, body: '<html><body>Sign in</body></html>', headers: { 'Content-Type': 'text/html' } }] } });
    expect(result.mattermostConfigs).toEqual([]);
    expect(result.coverage.gaps[0]).toMatchObject({ collection: 'mattermost.configs', api: 'GET /api/v4/config', error: expect.stringMatching(/not JSON \(text\/html/) });
  });

  it('a request that never answers becomes a timeout gap; the other calls still run', async () => {
    const { result } = await collectFrom({ users: [apiUser(1)], script: { '/api/v4/config': ['hang'] } }, { timeoutMs: 200 });
    expect(result.coverage.gaps).toEqual([{ collection: 'mattermost.configs', scope: '', api: 'GET /api/v4/config', error: 'timed out after 200 ms' }]);
    expect(result.users).toHaveLength(1);
  });

  it('an error message that echoes the token does not leak it', async () => {
    const echo = { status: 403, body: JSON.stringify({ id: 'x', message: `token ${TOKEN} lacks permission`, status_code: 403 }) };
    const { result } = await collectFrom({ script: { '/api/v4/config': [echo] } });
    expect(result.coverage.gaps[0]?.error).toBe('403 Forbidden: token [redacted] lacks permission');
    expectNoToken(result);
  });

  it('a closed port: every collection a gap, nothing leaks', async () => {
    const srv = await startMattermostApi({ token: TOKEN });
    const url = srv.url;
    await srv.close();
    const result = await collectMattermost({ url, token: TOKEN, sleep: async () => {} });
    expect(result.coverage.gaps.map((g) => g.collection)).toEqual(['mattermost.configs', 'mattermost.users', 'mattermost.accessTokens', 'mattermost.dataRetention']);
    expect(result.coverage.gaps[0]?.error).toMatch(/connection failed: ECONNREFUSED/);
    expectNoToken(result);
  });

  it('refuses http:// to anything but the local machine, and malformed tokens, without echoing the token', async () => {
    expect(() => parseMattermostUrl('http://chat.oob.example.org')).toThrow(/must use https/);
    expect(() => parseMattermostUrl('https://admin:pw@chat.oob.example.org')).toThrow(/credentials/);
    expect(parseMattermostUrl('https://example.org/chat/').pathname).toBe('/chat/');
    const bad = `${TOKEN}\r\nX-Injected: 1`;
    await expect(collectMattermost({ url: 'http://127.0.0.1:1', token: bad })).rejects.toThrow(/token is empty or contains/);
    await collectMattermost({ url: 'http://127.0.0.1:1', token: bad }).catch((e: unknown) => {
      expect(String(e)).not.toContain(TOKEN);
    });
  });
});

describe('collectMattermost: data retention and server-wide rules', () => {
  const HOUR = 3_600_000;
  const nowMs = Date.parse(NOW);

  async function judge(result: MattermostLiveResult, automationAccounts: string[] = []) {
    const snapshot = emptySnapshot(VERSION, NOW);
    snapshot.mattermost.users = result.users;
    snapshot.mattermost.accessTokens = result.accessTokens;
    snapshot.mattermost.servers = [result.server];
    snapshot.mattermost.dataRetention = result.dataRetention;
    snapshot.coverage = [result.coverage];
    const { rules } = await loadRules({ cwd: process.cwd() });
    const config = defaultConfig();
    config.environment.oob.automationAccounts = automationAccounts;
    return evaluate({ rules, snapshot, config, now: NOW }).findings;
  }

  it('reads the policy in force and the newest successful job: retention in hours, last success time', async () => {
    const { result, srv } = await collectFrom({
      retentionPolicy: {
        message_deletion_enabled: true, file_deletion_enabled: true, boards_deletion_enabled: false,
        message_retention_cutoff: Date.now() - 2160 * HOUR, file_retention_cutoff: Date.now() - 720 * HOUR, boards_retention_cutoff: 0,
      },
      retentionJobs: [retentionJob(1, 'success', nowMs - 50 * HOUR), retentionJob(2, 'success', nowMs - 26 * HOUR), retentionJob(3, 'error', nowMs - 2 * HOUR)],
    });
    expect(result.dataRetention).toEqual([expect.objectContaining({
      available: true, messageDeletionEnabled: true, fileDeletionEnabled: true, messageRetentionHours: 2160, fileRetentionHours: 720,
      lastJobStatus: 'error', lastSuccessAt: new Date(nowMs - 26 * HOUR + 61_000).toISOString(),
    })]);
    const jobs = srv.requests.filter((r) => r.path === '/api/v4/jobs/type/data_retention');
    expect(jobs.map((r) => r.query)).toEqual([{ page: '0', per_page: '20' }]);
    const f = (await judge(result)).filter((x) => x.ruleId === 'ZT-DATA-001.server');
    expect(f.map((x) => x.status)).toEqual(['pass']);
  });

  it('an unlicensed server (501) is a finding, not a gap: nothing is deleted', async () => {
    const { result } = await collectFrom({ retentionPolicy: 'unlicensed' });
    expect(result.coverage.gaps).toEqual([]);
    expect(result.dataRetention[0]).toMatchObject({ available: false });
    const f = (await judge(result)).filter((x) => x.ruleId === 'ZT-DATA-001.server');
    expect(f.map((x) => [x.status, x.message])).toEqual([['fail', expect.stringContaining('data retention is not licensed there, so nothing is ever deleted')]]);
  });

  it('403 on the policy is a gap naming the permission; 403 on the jobs leaves only "does it run" unknown', async () => {
    const denied = await collectFrom({ forbid: ['/api/v4/data_retention/policy'] });
    expect(denied.result.coverage.gaps).toEqual([{
      collection: 'mattermost.dataRetention', scope: '', api: 'GET /api/v4/data_retention/policy',
      error: '403 Forbidden: You do not have the appropriate permissions.', permission: expect.stringContaining('sysconsole_read_compliance_data_retention_policy'),
    }]);
    const f1 = (await judge(denied.result)).filter((x) => x.ruleId === 'ZT-DATA-001.server');
    expect(f1.map((x) => x.status)).toEqual(['unknown']);
    await server?.close();
    server = null;

    const noJobs = await collectFrom({
      retentionPolicy: { message_deletion_enabled: true, file_deletion_enabled: true, message_retention_cutoff: Date.now() - 2160 * HOUR, file_retention_cutoff: Date.now() - 2160 * HOUR },
      forbid: ['/api/v4/jobs/type/data_retention'],
    });
    expect(noJobs.result.coverage.gaps).toEqual([]);
    expect(noJobs.result.coverage.failedCalls).toBe(1);
    const f2 = (await judge(noJobs.result)).filter((x) => x.ruleId === 'ZT-DATA-001.server');
    expect(f2.map((x) => [x.status, x.reasons?.[0]])).toEqual([['unknown', expect.stringContaining('needs read_data_retention_job')]]);
  });

  it('deletion on but a cutoff missing, zero or not a number: the hours are unknown and ZT-DATA-001 is unknown, not a pass', async () => {
    const { result } = await collectFrom({
      retentionPolicy: { message_deletion_enabled: true, file_deletion_enabled: true, message_retention_cutoff: 0, file_retention_cutoff: 'soon' },
      retentionJobs: [retentionJob(1, 'success', nowMs - 20 * HOUR)],
    });
    expect(result.dataRetention[0]).toMatchObject({ messageDeletionEnabled: true, messageRetentionHours: null, fileRetentionHours: null });
    expect(result.dataRetention[0]?.unknown).toEqual({
      messageRetentionHours: 'GET /api/v4/data_retention/policy returned 0 as message_retention_cutoff while deletion is on, so how long the server keeps data cannot be told',
      fileRetentionHours: 'GET /api/v4/data_retention/policy returned "soon" as file_retention_cutoff while deletion is on, so how long the server keeps data cannot be told',
    });
    const f = (await judge(result)).filter((x) => x.ruleId === 'ZT-DATA-001.server');
    expect(f.map((x) => x.status)).toEqual(['unknown']);
    expect(f[0]?.reasons).toHaveLength(2);
    await server?.close();
    server = null;

    const missing = await collectFrom({ retentionPolicy: { message_deletion_enabled: true, file_deletion_enabled: true, file_retention_cutoff: Date.now() - 720 * HOUR }, retentionJobs: [retentionJob(1, 'success', nowMs - 20 * HOUR)] });
    expect(missing.result.dataRetention[0]?.unknown).toEqual({ messageRetentionHours: expect.stringContaining('returned no message_retention_cutoff') });
    expect((await judge(missing.result)).filter((x) => x.ruleId === 'ZT-DATA-001.server').map((x) => x.status)).toEqual(['unknown']);
  });

  it('judges the accounts: break-glass admins, MFA per account, tokens of people', async () => {
    const { result } = await collectFrom({
      users: [
        apiUser(1, { username: 'bg-admin-1', roles: 'system_user system_admin', mfa_active: true }),
        apiUser(2, { username: 'ops-shared', roles: 'system_user system_admin' }),
        apiUser(3, { username: 'ir-lead', roles: 'system_user system_admin', auth_service: 'openid', auth_data: 'ir-lead' }),
        apiUser(4, { username: 'alert-relay', roles: 'system_user' }),
      ],
      tokens: [
        { id: 't0000000000000000000000001', token: '', user_id: 'u0000000000000000000000004', description: 'pagerduty bridge', is_active: true },
        { id: 't0000000000000000000000002', token: '', user_id: 'u0000000000000000000000002', description: 'my scripts', is_active: true },
      ],
    });
    const findings = await judge(result, ['alert-relay']);
    const of = (id: string) => findings.filter((x) => x.ruleId === id).map((x) => [x.status, x.objectName]);
    expect(of('OOB-AC-003.server')).toEqual([['fail', new URL(server!.url).host]]);
    expect(findings.find((x) => x.ruleId === 'OOB-AC-003.server')?.message).toBe(`break-glass administrator(s) ["ops-shared"] on ${new URL(server!.url).host} have no MFA enrolled`);
    // alert-relay signs in with a password and has no MFA either: every such account is judged.
    expect(of('ZT-MFA-001.users').sort()).toEqual([['fail', 'alert-relay'], ['fail', 'ops-shared'], ['pass', 'bg-admin-1']]);
    expect(of('ZT-IAM-010.tokens').sort()).toEqual([['fail', 'my scripts'], ['pass', 'pagerduty bridge']]);
  });
});
