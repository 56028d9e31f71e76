/**
 * Secret values never leave. Distinct canary values are planted everywhere a real OOB deployment
 * keeps secrets — Secret `data` (base64) and `stringData`, DSN passwords in a Secret referenced by
 * the Mattermost CR and in config.json, Mattermost secret settings, literal env values in a
 * Deployment and in the CR, the CR's Elasticsearch password, a config.json inside a ConfigMap,
 * kubectl's last-applied annotation, command-line flags — and in broken YAML and JSON whose error
 * line holds a secret. Then every output a user or a CI log can see is searched for each canary,
 * raw, base64-encoded and URL-encoded: all four report formats (with passing checks shown), the
 * `collect` snapshot, an `evaluate` of that snapshot, and stderr.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentText, parseJsonText, safeReason, splitDocuments } from '../src/collectors/yaml-docs.ts';
import type { Report } from '../src/engine/types.ts';
import { inTempDir, runCli } from './helpers/cli.ts';

const C = {
  secretData: 'CANARY-SECRET-DATA-7f3a',
  secretStringData: 'CANARY-STRINGDATA-91c2',
  dsnInSecret: 'CANARY-DSN-SECRET-4b1d',
  dsnInConfig: 'CANARY-DSN-CONFIG-8e2f',
  atRestEncryptKey: 'CANARY-ATREST-KEY-0a9c',
  smtpPassword: 'CANARY-SMTP-PASSWORD-55d1',
  publicLinkSalt: 'CANARY-PUBLIC-LINK-SALT-e7b3',
  s3SecretKey: 'CANARY-S3-SECRET-ACCESS-KEY-2c6d',
  ldapBindPassword: 'CANARY-LDAP-BIND-PASSWORD-9f08',
  gitlabSecret: 'CANARY-GITLAB-SECRET-31aa',
  envDsn: 'CANARY-ENV-DSN-PASSWORD-c4e2',
  envSmtp: 'CANARY-DEPLOY-ENV-SMTP-6b7d',
  crEnvSalt: 'CANARY-CR-ENV-SALT-0d1e',
  crEnvKey: 'CANARY-CR-ENV-ATREST-f2a5',
  crElasticPassword: 'CANARY-CR-ELASTIC-PASSWORD-8c3b',
  cmAtRest: 'CANARY-CONFIGMAP-ATREST-77e0',
  cmDsn: 'CANARY-CONFIGMAP-DSN-4a4a',
  lastApplied: 'CANARY-LAST-APPLIED-b0b0',
  flag: 'CANARY-DB-PASSWORD-FLAG-1d2c',
  malformedYaml: 'CANARY-MALFORMED-YAML-5e5e',
  malformedAnchored: 'CANARY-MALFORMED-ANCHORED-a1a1',
  malformedJson: 'CANARY-MALFORMED-JSON-3c3c',
  malformedJsonToken: 'CANARY-MALFORMED-JSON-TOKEN-6d6d',
  stdin: 'CANARY-STDIN-STRINGDATA-9e9e',
} as const;

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const dsn = (password: string, host: string): string => `postgres://mmuser:${password}@${host}:5432/mattermost?sslmode=verify-full&connect_timeout=10`;

/** Every string the outputs must never contain: each canary raw, base64, URL-encoded, plus full planted values. */
function forbidden(): Map<string, string> {
  const out = new Map<string, string>();
  const add = (needle: string, what: string): void => { if (!out.has(needle)) out.set(needle, what); };
  for (const [name, v] of Object.entries(C)) {
    add(v, name);
    add(b64(v), `${name} (base64)`);
    add(encodeURIComponent(v), `${name} (URL-encoded)`);
    // Inside a longer value, base64 shifts with the offset: the canary alone never appears, but
    // 12-character chunks of its encodings at each of the three alignments would.
    for (let shift = 0; shift < 3; shift++) add(b64(`${'x'.repeat(shift)}${v}`).slice(4, 16), `${name} (base64 fragment)`);
  }
  return out;
}

function leaks(text: string): string[] {
  const found: string[] = [];
  for (const [needle, what] of forbidden()) if (text.includes(needle)) found.push(what);
  return [...new Set(found)];
}

const FILES: Record<string, string> = {
  'secrets.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: mattermost-db
  namespace: mattermost
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","data":{"password":"${b64(C.lastApplied)}"},"kind":"Secret","metadata":{"name":"mattermost-db","namespace":"mattermost"},"stringData":{"token":"${C.lastApplied}"}}
type: Opaque
data:
  DB_CONNECTION_STRING: ${b64(dsn(C.dsnInSecret, 'db.oob.internal'))}
  api-token: ${b64(C.secretData)}
stringData:
  password: ${C.secretStringData}
---
apiVersion: installation.mattermost.com/v1beta1
kind: Mattermost
metadata:
  name: mm
  namespace: mattermost
spec:
  version: 10.5.1
  replicas: 2
  ingress:
    enabled: true
    host: chat.oob.example.org
  database:
    external:
      secret: mattermost-db
  elasticSearch:
    host: https://es.oob.internal:9200
    username: mattermost
    password: ${C.crElasticPassword}
  mattermostEnv:
    - name: MM_FILESETTINGS_PUBLICLINKSALT
      value: ${C.crEnvSalt}
    - name: MM_SQLSETTINGS_ATRESTENCRYPTKEY
      value: ${C.crEnvKey}
    - name: MM_SERVICESETTINGS_ENABLEMULTIFACTORAUTHENTICATION
      value: "true"
`,
  'deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: mattermost-standalone
  namespace: chat
spec:
  replicas: 1
  template:
    metadata:
      labels: {app: mattermost}
    spec:
      containers:
        - name: mattermost
          image: mattermost/mattermost-enterprise-edition:10.5.1
          args: ["--db-password=${C.flag}"]
          env:
            - name: MM_SQLSETTINGS_DATASOURCE
              value: ${dsn(C.envDsn, 'db.chat.internal')}
            - name: MM_EMAILSETTINGS_SMTPPASSWORD
              value: ${C.envSmtp}
            - name: MM_SERVICESETTINGS_SITEURL
              value: https://chat.oob.example.org
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: mattermost-config
  namespace: chat
data:
  config.json: |
    {
      "ServiceSettings": {"SiteURL": "https://chat.oob.example.org"},
      "SqlSettings": {"DriverName": "postgres", "DataSource": "${dsn(C.cmDsn, 'db.chat.internal')}", "AtRestEncryptKey": "${C.cmAtRest}"},
      "FileSettings": {"DriverName": "amazons3"}
    }
`,
  'config/config.json': JSON.stringify({
    ServiceSettings: { SiteURL: 'https://chat.oob.example.org', EnableMultifactorAuthentication: true },
    SqlSettings: { DriverName: 'postgres', DataSource: dsn(C.dsnInConfig, 'db.oob.internal'), AtRestEncryptKey: C.atRestEncryptKey },
    EmailSettings: { SMTPPassword: C.smtpPassword, SMTPUsername: 'mailer', EnableSMTPAuth: true },
    FileSettings: { DriverName: 'amazons3', PublicLinkSalt: C.publicLinkSalt, AmazonS3AccessKeyId: 'AKIAEXAMPLE', AmazonS3SecretAccessKey: C.s3SecretKey },
    LdapSettings: { Enable: true, BindUsername: 'cn=reader', BindPassword: C.ldapBindPassword },
    GitLabSettings: { Enable: true, Id: 'gitlab-app', Secret: C.gitlabSecret },
  }, null, 2),
  // Broken inputs whose error position is on a line holding a secret.
  'broken/bad-indent.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: broken\nstringData:\n  password: ${C.malformedYaml}\n    other: value\n`,
  'broken/unterminated.yaml': `apiVersion: v1\nkind: Secret\nstringData:\n  password: "${C.malformedYaml}\n`,
  'broken/unknown-tag.yaml': `apiVersion: v1\nkind: Secret\nstringData:\n  password: !${C.malformedYaml} x\n`,
  'broken/alias.yaml': `apiVersion: v1\nkind: Secret\nstringData:\n  password: *${C.malformedYaml}\n`,
  'broken/anchored.yaml': `base: &b {a: 1}\nstringData:\n  password: ${C.malformedAnchored}\n   nested: *b\n`,
  'broken/anchored-token.yaml': `base: &b {a: 1}\n- ${C.malformedAnchored}\nkey: value\n`,
  'broken/block-header.yaml': `x: &a 1\npassword: |${C.malformedAnchored}\n  text\n`,
  'broken/config.json': `{\n  "SqlSettings": {\n    "DataSource": "${dsn(C.malformedJson, 'db')}"\n    "AtRestEncryptKey": "${C.malformedJson}"\n  }\n}\n`,
  'broken/token.json': `{"EmailSettings": {"SMTPPassword": ${C.malformedJsonToken}}}`,
  'broken/token-multiline.json': `{\n  "EmailSettings": {"SMTPPassword": "${C.malformedJsonToken}",\n  "x": tru }\n}`,
};

describe('canary secret values never appear in any output', () => {
  it('reports in every format, with passing checks shown, and stderr', async () => {
    await inTempDir(async (dir) => {
      for (const [name, content] of Object.entries(FILES)) {
        await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
        await writeFile(path.join(dir, name), content);
      }
      // The inputs really were read and judged: the scan is not trivially clean.
      const json = await runCli(['scan', '.', '--format', 'json', '--show-passed'], { cwd: dir });
      const report = JSON.parse(json.stdout) as Report;
      expect(report.inputs.filter((i) => i.status === 'scanned').map((i) => i.file).sort()).toEqual(['config/config.json', 'deployment.yaml', 'secrets.yaml']);
      expect(report.inputs.filter((i) => i.status === 'error')).toHaveLength(Object.keys(FILES).filter((f) => f.startsWith('broken/')).length);
      expect(report.findings.length).toBeGreaterThan(0);
      expect(json.code).toBe(2);

      const outputs: Record<string, string> = { 'json stdout': json.stdout, 'json stderr': json.stderr };
      for (const format of ['sarif', 'markdown', 'table']) {
        const r = await runCli(['scan', '.', '--format', format, '--show-passed'], { cwd: dir });
        outputs[`${format} stdout`] = r.stdout;
        outputs[`${format} stderr`] = r.stderr;
      }
      const toFile = await runCli(['scan', '.', '--format', 'sarif', '--output', 'out.sarif'], { cwd: dir });
      outputs['sarif --output file'] = await readFile(path.join(dir, 'out.sarif'), 'utf8');
      outputs['sarif --output stderr'] = toFile.stderr;

      const collected = await runCli(['collect', '.', '--output', 'snapshot.json'], { cwd: dir });
      outputs['collect snapshot'] = await readFile(path.join(dir, 'snapshot.json'), 'utf8');
      outputs['collect stderr'] = collected.stderr;
      for (const format of ['json', 'sarif', 'markdown', 'table']) {
        const r = await runCli(['evaluate', 'snapshot.json', '--format', format, '--show-passed'], { cwd: dir });
        outputs[`evaluate ${format} stdout`] = r.stdout;
        outputs[`evaluate ${format} stderr`] = r.stderr;
      }

      for (const [where, text] of Object.entries(outputs)) {
        expect(text.length, `${where} is empty`).toBeGreaterThan(0);
        expect(leaks(text), where).toEqual([]);
      }
      // The redaction keeps facts: the secrets are known to exist, just not their values.
      const snapshot = JSON.parse(outputs['collect snapshot']!) as { k8s: { secrets: { name: string; keys: string[]; dsns: { host: string; hasPassword: boolean }[] }[] } };
      expect(snapshot.k8s.secrets[0]).toMatchObject({ name: 'mattermost-db', keys: ['DB_CONNECTION_STRING', 'api-token', 'password'] });
      expect(snapshot.k8s.secrets[0]?.dsns).toEqual([expect.objectContaining({ host: 'db.oob.internal', hasPassword: true })]);
      expect(outputs['collect snapshot']).toContain('<redacted>');
    });
  }, 60_000);

  it('parse errors name the file, line and problem but never echo the offending line', async () => {
    await inTempDir(async (dir) => {
      for (const [name, content] of Object.entries(FILES)) {
        if (!name.startsWith('broken/')) continue;
        await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
        await writeFile(path.join(dir, name), content);
      }
      const r = await runCli(['scan', 'broken', '--format', 'json'], { cwd: dir });
      const report = JSON.parse(r.stdout) as Report;
      const errors = report.diagnostics.filter((d) => d.file?.startsWith('broken/'));
      expect(errors.map((d) => d.file).sort()).toEqual(Object.keys(FILES).filter((f) => f.startsWith('broken/')).sort());
      for (const d of errors) {
        expect(d.message).toMatch(/^broken\/[\w.-]+:\d+(:\d+)?: (invalid (YAML|JSON): .+|.*alias.*); file not scanned$/);
        expect(d.line).toBeGreaterThan(0);
      }
      expect(errors.find((d) => d.file === 'broken/bad-indent.yaml')?.line).toBe(7);
      expect(errors.find((d) => d.file === 'broken/config.json')?.message).toMatch(/^broken\/config\.json:4:\d+: invalid JSON: Expected ',' or '}' after property value/);
      expect(leaks(r.stderr)).toEqual([]);
      expect(leaks(r.stdout)).toEqual([]);
    });
  });

  it('stdin input: values stay out of the reports too', async () => {
    await inTempDir(async (dir) => {
      const piped = `apiVersion: v1\nkind: Secret\nmetadata: {name: piped, namespace: mattermost}\nstringData:\n  password: ${C.stdin}\n---\nbroken: [${C.stdin}\n`;
      for (const format of ['json', 'sarif', 'markdown', 'table']) {
        const r = await runCli(['scan', '-', '--format', format, '--show-passed'], { cwd: dir, stdin: piped });
        expect(r.stderr).toContain('oobguard: error: -:8:1: document 2: invalid YAML');
        expect(leaks(r.stdout + r.stderr), format).toEqual([]);
      }
      const c = await runCli(['collect', '-'], { cwd: dir, stdin: piped });
      expect(c.stdout).toContain('"piped"');
      expect(leaks(c.stdout + c.stderr)).toEqual([]);
    });
  });
});

describe('parser messages are cleaned of input text', () => {
  // A wide net: many kinds of breakage, each around a canary, through both YAML parsers and JSON.
  const secret = 'CANARY-PARSER-MESSAGE-0f0f';
  const yamlBreakage = [
    `a: b\n  c: ${secret}`, `x: "${secret}`, `x: '${secret}`, `a: [${secret}`, `a: {${secret}`, `k: !${secret} v`, `k: !<${secret}> v`,
    `a: *${secret}`, `\tpass: ${secret}`, `a: b: ${secret}`, `- a\nb: ${secret}`, `a: "\\q${secret}"`, `a: 1\na: ${secret}`,
    `%${secret} x\n---\na: 1`, `a: |${secret}\n  x`, `? ${secret}\n: x\n  - y`, `a: @${secret}`, `a: \`${secret}`, `[${secret}]: x: y`,
    `a: "${secret}"x`, `{a: 1, ${secret}}: z`, `a: "\\x${secret}"`, `- ${secret}\n-x: y\n - z`,
  ];
  const anchored = yamlBreakage.map((t) => `anchor: &x 1\n${t}`);

  it.each([...yamlBreakage, ...anchored].map((t, i) => [i, t] as const))('YAML breakage %i', (_i, text) => {
    const docs = splitDocuments(text);
    for (const d of docs) {
      const r = parseDocumentText(text, d);
      if ('code' in r) expect(r.message).not.toContain(secret.slice(7, 20));
    }
  });

  it.each([
    `{"a": ${secret}}`, `{"a": "${secret}"`, `{"a": "${secret}" "b": 1}`, `{"a": "x"}${secret}`, `{${secret}: 1}`,
    `{"a": "${secret}\n"}`, `{\n"a": "${secret}",\n"b": tru}`, `["${secret}",]`, `{"a": "\\u${secret}"}`,
  ].map((t, i) => [i, t] as const))('JSON breakage %i', (_i, text) => {
    const r = parseJsonText(text);
    expect('code' in r).toBe(true);
    if ('code' in r) {
      expect(r.message).not.toContain(secret.slice(7, 20));
      expect(r.errorLine).toBeGreaterThan(0);
    }
  });

  it('keeps the parser\'s own words', () => {
    expect(safeReason('bad indentation of a mapping entry (2:4)\n\n 1 | a: b\n 2 |   c: d')).toBe('bad indentation of a mapping entry');
    expect(safeReason("Expected ',' or '}' after property value in JSON at position 16 (line 1 column 17)")).toBe("Expected ',' or '}' after property value");
    expect(safeReason('unidentified alias "password123" (1:5)')).toBe('unidentified alias "…"');
    expect(safeReason('Unexpected scalar token in YAML stream: "password123"')).toBe('Unexpected scalar token in YAML stream');
  });
});
