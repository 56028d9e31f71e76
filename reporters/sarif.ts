/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`), following
 * shared/SARIF-GITHUB.md. A pure function of the Report; see docs/json-report.md for the JSON.
 *
 * What goes in, and why:
 * - `fail` findings → results whose rule carries `security-severity`, so GitHub shows them as
 *   security alerts (critical/high → error, medium → warning, low/info → note).
 * - `unknown` (note) and `error` (warning) findings → results of a companion rule
 *   `<rule id>/not-evaluated` with no `security` tag and no `security-severity`: GitHub applies a
 *   rule's security-severity to every result of that rule, so reusing the real rule would show a
 *   coverage gap as a Critical vulnerability. The message says the rule could not be evaluated, and why.
 * - `pass` and `waived` findings are left out: SARIF `suppressions` still show as open alerts on
 *   GitHub. They stay in the JSON and Markdown reports for audit.
 * - `tool.driver.rules` lists only the rules that results point at: every descriptor is used, the
 *   upload stays small, and coverage (which rules ran) is the JSON/Markdown reports' job.
 * - Findings from files are one run (category `oobguard/` by default). Findings from live sources
 *   (their provenance has a `ref`: an ARN, a resource ID) go to a second run with the category
 *   `<category>live/`, each with a stable synthetic path, so a posture scan never replaces the
 *   alerts of a manifest scan and GitHub never gets a result without a location.
 * - Every result has exactly one location with a repo-relative URI (stdin becomes `stdin.yaml`)
 *   and `partialFingerprints["oobguard/v1"]`, the engine's fingerprint (rule + object + path, no
 *   line numbers), so alerts survive unrelated edits. Regions are at most one line (see locationFor).
 * - No `region.snippet`: the offending line may hold a secret, and GitHub reads the file anyway.
 */
import { severityRank, type Finding, type Location, type Report, type RuleMeta, type Severity } from '../src/engine/types.ts';
import type { Diagnostic } from '../src/model/snapshot.ts';

export interface SarifOptions {
  /** GitHub code scanning category (`runs[].automationDetails.id`); default `oobguard/`. */
  category?: string;
  /**
   * Absolute path of the repository root (the CLI passes its working directory). Absolute input
   * paths under it become repo-relative URIs, and `%SRCROOT%` gets this as its URI. Without it,
   * absolute paths stay `file://` URIs, which `upload-sarif` relativizes with its `checkout_path`.
   */
  srcRoot?: string;
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
export const STDIN_URI = 'stdin.yaml';
export const FINGERPRINT_KEY = 'oobguard/v1';
export const NOT_EVALUATED_SUFFIX = '/not-evaluated';
const LIVE_DIR = 'oobguard-live';
const DIAGNOSTICS_DOC = 'https://github.com/oobguard/oobguard/blob/main/docs/json-report.md#diagnostics';
const MAX_DESCRIPTION = 1024;
const MAX_NAME = 255;
const MAX_TAGS = 20;
/** GitHub code scanning: results per run it accepts. */
export const MAX_RESULTS = 25_000;

export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

type Level = 'error' | 'warning' | 'note';
export const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

// ── SARIF shapes (the subset we write) ──────────────────────────────────────────────────────────
interface Text { text: string }
interface MultiformatText { text: string; markdown: string }
interface ArtifactLocation { uri: string; uriBaseId?: string }
interface Region { startLine: number; startColumn?: number; endLine?: number; endColumn?: number }
interface SarifLocation {
  physicalLocation: { artifactLocation: ArtifactLocation; region: Region };
  logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
}
interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: Text;
  fullDescription: Text;
  help?: MultiformatText;
  helpUri?: string;
  defaultConfiguration?: { level: Level };
  properties?: Record<string, unknown>;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: Text;
  locations: [SarifLocation];
  partialFingerprints: Record<string, string>;
  /** Against a baseline (`--baseline`): `new`, or `unchanged` when the baseline had it too. */
  baselineState?: 'new' | 'unchanged';
  properties: Record<string, unknown>;
}
interface Notification {
  level: Level;
  message: Text;
  descriptor: { id: string; index: number };
  locations?: [SarifLocation];
  properties?: Record<string, unknown>;
}
interface SarifRun {
  tool: { driver: Record<string, unknown> & { name: string; rules: ReportingDescriptor[] } };
  automationDetails: { id: string; description: Text };
  originalUriBaseIds: Record<string, { uri?: string; description: Text }>;
  columnKind: 'utf16CodeUnits';
  invocations: [{ executionSuccessful: boolean; startTimeUtc: string; toolExecutionNotifications: Notification[] }];
  results: SarifResult[];
  properties: Record<string, unknown>;
}
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

// ── small helpers ──────────────────────────────────────────────────────────────────────────────
export function pascalCase(slug: string): string {
  return slug.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

function clip(s: string, max: number): string {
  const t = s.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

function kebab(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function sentence(s: string): string {
  const t = s.trim();
  return t === '' || /[.!?]$/.test(t) ? t : `${t}.`;
}

/** Percent-encode each path segment (keeps `/`). */
function encodePath(p: string): string {
  return p.split('/').map((seg) => encodeURIComponent(seg)).join('/');
}

/**
 * A finding's file as a SARIF artifact location. Relative paths (the normal case: the CLI and the
 * Action scan from the repository root) become `%SRCROOT%`-relative URIs; stdin becomes a fixed
 * placeholder; absolute paths become `file://` URIs, which `upload-sarif` relativizes against its
 * `checkout_path`. Returns null when the "file" is not a path at all (a live reference).
 */
export function artifactLocation(file: string, srcRoot?: string): ArtifactLocation | null {
  if (file === '-') return { uri: STDIN_URI, uriBaseId: SRCROOT };
  let f = file.replace(/\\/g, '/');
  if (f === '') return null;
  const root = srcRoot ? rootPrefix(srcRoot) : null;
  if (root && isAbsolutePath(f) && samePrefix(f, root)) f = f.slice(root.length);
  if (/^[A-Za-z]:\//.test(f)) return { uri: `file:///${f.slice(0, 2)}${encodePath(f.slice(2))}` };
  if (f.startsWith('/')) return { uri: `file://${encodePath(f)}` };
  if (/^file:\/\//i.test(f)) return { uri: f };
  if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(f)) return null; // arn:, https:, azure: … — not a file
  const rel = f.replace(/^(\.\/)+/, '').replace(/\/{2,}/g, '/');
  if (rel === '' || rel === '.') return null;
  return { uri: encodePath(rel), uriBaseId: SRCROOT };
}

function isAbsolutePath(f: string): boolean {
  return f.startsWith('/') || /^[A-Za-z]:\//.test(f);
}

/** `srcRoot` as a slash-terminated, forward-slash prefix. */
function rootPrefix(srcRoot: string): string | null {
  const r = srcRoot.replace(/\\/g, '/');
  if (!isAbsolutePath(r)) return null;
  return r.endsWith('/') ? r : `${r}/`;
}

function samePrefix(f: string, root: string): boolean {
  // Windows drive paths compare case-insensitively; POSIX paths exactly.
  return /^[A-Za-z]:\//.test(root) ? f.toLowerCase().startsWith(root.toLowerCase()) : f.startsWith(root);
}

/** `%SRCROOT%` as an absolute `file:` URI, when the root is known. */
function srcRootUri(srcRoot: string | undefined): string | null {
  const root = srcRoot ? rootPrefix(srcRoot) : null;
  if (!root) return null;
  return root.startsWith('/') ? `file://${encodePath(root)}` : `file:///${root.slice(0, 2)}${encodePath(root.slice(2))}`;
}

/** Stable repo-relative placeholder path for a live object (ARN, resource ID …). */
function liveLocation(ref: string): ArtifactLocation {
  const safe = ref.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'object';
  return { uri: `${LIVE_DIR}/${safe}`, uriBaseId: SRCROOT };
}

function identity(f: Finding): string {
  const name = f.namespace !== '' ? `${f.namespace}/${f.objectName}` : f.objectName;
  return `${f.objectKind} ${name}`;
}

/** The category as GitHub keys it: trimmed, `oobguard/` when empty, always ending in `/`. */
export function normalizeCategory(c: string | undefined): string {
  const v = (c ?? 'oobguard/').trim();
  if (v === '') return 'oobguard/';
  // GitHub reads `id` as "<category>/<run id>": without a trailing slash the last segment would
  // become a run id and the category would change.
  return v.endsWith('/') ? v : `${v}/`;
}

// ── rules ──────────────────────────────────────────────────────────────────────────────────────
function docsUrl(report: Report, meta: RuleMeta): string | null {
  return meta.builtin ? `${report.tool.informationUri}/blob/main/docs/rules/${encodeURIComponent(meta.id)}.md` : null;
}

function frameworkLines(meta: RuleMeta): [string, string[]][] {
  const fw = meta.frameworks;
  return [
    ['Zero Trust tenets', fw.tenets],
    ['OOB guideline domains', fw.domains],
    ['NIST SP 800-207', fw.nist],
    ['CISA ZTMM v2.0', fw.cisa],
  ];
}

function helpFor(report: Report, meta: RuleMeta): MultiformatText {
  const url = docsUrl(report, meta);
  const fws = frameworkLines(meta).filter(([, v]) => v.length > 0);
  const text: string[] = [meta.description.trim(), '', 'Remediation:', meta.remediation.trim()];
  const md: string[] = [
    `**${meta.title}** — severity ${meta.severity}, control \`${meta.controlId}\``,
    '', meta.description.trim(), '', '## Remediation', '', meta.remediation.trim(),
  ];
  if (meta.references.length > 0) {
    text.push('', 'References:', ...meta.references.map((r) => `- ${r}`));
    md.push('', '## References', '', ...meta.references.map((r) => `- <${r}>`));
  }
  if (fws.length > 0) {
    text.push('', 'Frameworks:', ...fws.map(([k, v]) => `- ${k}: ${v.join('; ')}`));
    md.push('', '## Frameworks', '', '| framework | placement |', '|---|---|', ...fws.map(([k, v]) => `| ${k} | ${v.join('; ').replace(/\|/g, '\\|')} |`));
  }
  if (url) {
    text.push('', `Documentation: ${url}`);
    md.push('', `Rule documentation: [docs/rules/${meta.id}.md](${url})`);
  } else {
    text.push('', `Rule file: ${meta.file}`);
    md.push('', `Rule file: \`${meta.file}\``);
  }
  return { text: text.join('\n'), markdown: md.join('\n') };
}

function tagsFor(meta: RuleMeta): string[] {
  const tags = ['security', 'oobguard', meta.controlId, `severity/${meta.severity}`];
  for (const t of meta.frameworks.tenets) tags.push(`tenet/${kebab(t)}`);
  for (const d of meta.frameworks.domains) tags.push(`oob-domain/${kebab(d)}`);
  return [...new Set(tags.filter((t) => t !== '' && !t.endsWith('/')))].slice(0, MAX_TAGS);
}

function ruleDescriptor(report: Report, meta: RuleMeta): ReportingDescriptor {
  const url = docsUrl(report, meta);
  const d: ReportingDescriptor = {
    id: meta.id,
    name: clip(pascalCase(meta.slug), MAX_NAME),
    shortDescription: { text: clip(meta.title, MAX_DESCRIPTION) },
    fullDescription: { text: clip(meta.description, MAX_DESCRIPTION) },
    help: helpFor(report, meta),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: tagsFor(meta),
      precision: meta.precision,
      'security-severity': SECURITY_SEVERITY[meta.severity],
      controlId: meta.controlId,
      severity: meta.severity,
      frameworks: meta.frameworks,
    },
  };
  if (url) d.helpUri = url;
  return d;
}

function notEvaluatedDescriptor(report: Report, meta: RuleMeta): ReportingDescriptor {
  const url = docsUrl(report, meta);
  const why = 'oobguard could not evaluate this rule on an object: a value the rule reads was not among the inputs '
    + '(a Secret or Namespace that was not scanned, a config stored in the database, a value known only after apply) '
    + 'or the rule failed to evaluate. This is a coverage gap, not a detected vulnerability; each result says why.';
  const text = [why, '', `The rule: ${meta.title}.`, '', meta.description.trim(), '',
    'To close the gap, scan the missing inputs too (or declare them in the oobguard config), or waive the rule for this object with a reason.'];
  const d: ReportingDescriptor = {
    id: `${meta.id}${NOT_EVALUATED_SUFFIX}`,
    name: clip(`${pascalCase(meta.slug)}NotEvaluated`, MAX_NAME),
    shortDescription: { text: clip(`Could not be evaluated: ${meta.title}`, MAX_DESCRIPTION) },
    fullDescription: { text: clip(why, MAX_DESCRIPTION) },
    help: {
      text: [...text, ...(url ? ['', `Documentation: ${url}`] : [])].join('\n'),
      markdown: [...text, ...(url ? ['', `Rule documentation: [docs/rules/${meta.id}.md](${url})`] : [])].join('\n'),
    },
    defaultConfiguration: { level: 'note' },
    properties: {
      tags: ['oobguard', 'coverage', 'not-evaluated', meta.controlId],
      precision: meta.precision,
      'problem.severity': 'recommendation',
      controlId: meta.controlId,
    },
  };
  if (url) d.helpUri = url;
  return d;
}

/** A rule id a finding refers to that is not in report.rules (should not happen; stay valid anyway). */
function fallbackMeta(f: Finding): RuleMeta {
  return {
    id: f.ruleId, controlId: f.controlId, slug: f.ruleId, title: f.ruleId, description: f.ruleId, severity: f.severity,
    defaultSeverity: f.severity, target: '', remediation: 'See the rule file.', references: [], precision: 'medium',
    frameworks: { tenets: [], domains: [], nist: [], cisa: [] }, file: '', builtin: false,
  };
}

// ── results ────────────────────────────────────────────────────────────────────────────────────
function messageFor(f: Finding): string {
  const where = f.location?.template ?? f.source.template;
  const object = `Object: ${identity(f)}${where ? `, rendered from ${where}` : ''}${f.source.ref ? ` (${f.source.ref})` : ''}.`;
  if (f.status === 'fail') return `${sentence(f.message)} ${object}`;
  const reasons = (f.reasons ?? []).map((r) => r.trim()).filter(Boolean);
  const head = f.status === 'error' ? 'Could not be evaluated (rule evaluation error)' : 'Could not be evaluated (unknown)';
  const because = reasons.length > 0 ? `: ${reasons.join('; ')}` : f.message.trim() !== '' ? `: ${f.message.trim()}` : '';
  return `${sentence(`${head}${because}`)} This is not a pass and not a detected violation. ${object}`;
}

function locationFor(f: Finding, srcRoot: string | undefined): SarifLocation {
  const loc: Location = f.location ?? { file: f.source.file, startLine: f.source.line };
  const fileArtifact = artifactLocation(loc.file, srcRoot);
  const artifact = fileArtifact ?? liveLocation(f.source.ref ?? (loc.file || f.objectId));
  const located = fileArtifact !== null;
  const region: Region = { startLine: located ? Math.max(1, loc.startLine) : 1 };
  if (located && loc.startColumn !== undefined) {
    region.startColumn = loc.startColumn;
    // Only a one-line span is kept. A multi-line one (a missing key located at its parent object,
    // a whole document) becomes "from the start to the end of the first line": GitHub shows an
    // alert in a pull request only when every line of its region is in the diff.
    if (loc.endLine === loc.startLine && loc.endColumn !== undefined && loc.endColumn > loc.startColumn) {
      region.endLine = loc.endLine;
      region.endColumn = loc.endColumn;
    }
  }
  return {
    physicalLocation: { artifactLocation: artifact, region },
    logicalLocations: [{ name: f.objectName || f.objectId, fullyQualifiedName: f.objectId, kind: 'resource' }],
  };
}

function resultsFor(report: Report, findings: readonly Finding[], srcRoot: string | undefined): { rules: ReportingDescriptor[]; results: SarifResult[] } {
  const metaById = new Map(report.rules.map((m) => [m.id, m]));
  const rules: ReportingDescriptor[] = [];
  const index = new Map<string, number>();
  const descriptorIndex = (f: Finding, notEvaluated: boolean): { id: string; i: number } => {
    const meta = metaById.get(f.ruleId) ?? fallbackMeta(f);
    const id = notEvaluated ? `${meta.id}${NOT_EVALUATED_SUFFIX}` : meta.id;
    let i = index.get(id);
    if (i === undefined) {
      i = rules.push(notEvaluated ? notEvaluatedDescriptor(report, meta) : ruleDescriptor(report, meta)) - 1;
      index.set(id, i);
    }
    return { id, i };
  };
  const results: SarifResult[] = [];
  for (const f of findings) {
    if (f.status !== 'fail' && f.status !== 'unknown' && f.status !== 'error') continue;
    const notEvaluated = f.status !== 'fail';
    const { id, i } = descriptorIndex(f, notEvaluated);
    const level: Level = f.status === 'fail' ? LEVEL[f.severity] : f.status === 'error' ? 'warning' : 'note';
    const properties: Record<string, unknown> = {
      controlId: f.controlId, objectId: f.objectId, objectKind: f.objectKind, status: f.status, severity: f.severity,
    };
    if (f.path) properties['path'] = f.path;
    if (f.reasons && f.reasons.length > 0) properties['reasons'] = f.reasons;
    const template = f.location?.template ?? f.source.template;
    if (template) properties['template'] = template;
    results.push({
      ruleId: id, ruleIndex: i, level, message: { text: messageFor(f) }, locations: [locationFor(f, srcRoot)],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      ...(f.baseline ? { baselineState: f.baseline === 'new' ? 'new' as const : 'unchanged' as const } : {}),
      properties,
    });
  }
  return { rules, results };
}

// ── notifications ──────────────────────────────────────────────────────────────────────────────
/** A diagnostic, or one the SARIF writer adds itself (`sarif/truncated`). */
type NoteSource = Omit<Diagnostic, 'code'> & { code: string };

function notificationsFor(diagnostics: readonly NoteSource[], srcRoot: string | undefined): { descriptors: ReportingDescriptor[]; notifications: Notification[] } {
  const descriptors: ReportingDescriptor[] = [];
  const index = new Map<string, number>();
  const notifications: Notification[] = [];
  for (const d of diagnostics) {
    let i = index.get(d.code);
    if (i === undefined) {
      i = descriptors.push({
        id: d.code,
        name: pascalCase(d.code),
        shortDescription: { text: `oobguard diagnostic ${d.code}` },
        fullDescription: { text: `A problem oobguard met while reading inputs, rules or config (${d.code}); it limits what the scan could judge.` },
        help: {
          text: `Each notification says what went wrong and how to fix it. Inputs oobguard could not read were not judged: fix them or exclude them (--exclude). Codes: ${DIAGNOSTICS_DOC}`,
          markdown: `Each notification says what went wrong and how to fix it. Inputs oobguard could not read were not judged: fix them or exclude them (\`--exclude\`). See [the JSON report format](${DIAGNOSTICS_DOC}) for the codes.`,
        },
      }) - 1;
      index.set(d.code, i);
    }
    const n: Notification = {
      level: d.severity,
      message: { text: d.hint ? `${sentence(d.message)} Hint: ${d.hint}` : d.message },
      descriptor: { id: d.code, index: i },
    };
    const artifact = d.file !== undefined ? artifactLocation(d.file, srcRoot) : null;
    if (artifact) n.locations = [{ physicalLocation: { artifactLocation: artifact, region: { startLine: Math.max(1, d.line ?? 1) } } }];
    if (d.path !== undefined) n.properties = { path: d.path };
    notifications.push(n);
  }
  return { descriptors, notifications };
}

// ── runs ───────────────────────────────────────────────────────────────────────────────────────
const STATUS_RANK: Record<string, number> = { fail: 0, error: 1, unknown: 2 };

/**
 * GitHub rejects a run with more than 25,000 results. Keep the most important: failures by
 * severity, then evaluation errors, then unknowns; the original order is kept among those kept.
 */
function capFindings(findings: readonly Finding[]): { kept: Finding[]; dropped: number } {
  if (findings.length <= MAX_RESULTS) return { kept: [...findings], dropped: 0 };
  const order = findings.map((f, i) => ({ f, i })).sort((a, b) =>
    (STATUS_RANK[a.f.status] ?? 3) - (STATUS_RANK[b.f.status] ?? 3) || severityRank(b.f.severity) - severityRank(a.f.severity) || a.i - b.i);
  const keep = new Set(order.slice(0, MAX_RESULTS).map((x) => x.i));
  return { kept: findings.filter((_f, i) => keep.has(i)), dropped: findings.length - MAX_RESULTS };
}

function makeRun(report: Report, opts: SarifOptions, category: string, description: string, all: readonly Finding[], withDiagnostics: boolean): SarifRun {
  const { kept: findings, dropped } = capFindings(all);
  const { rules, results } = resultsFor(report, findings, opts.srcRoot);
  const notes: NoteSource[] = withDiagnostics ? [...report.diagnostics] : [];
  if (dropped > 0) {
    notes.push({
      code: 'sarif/truncated', severity: 'warning',
      message: `${dropped} of ${all.length} results were left out of this run: GitHub code scanning accepts at most ${MAX_RESULTS} per run. Failures by severity were kept first; the JSON report has every finding.`,
    });
  }
  const { descriptors, notifications } = notificationsFor(notes, opts.srcRoot);
  const rootUri = srcRootUri(opts.srcRoot);
  const base: SarifRun['originalUriBaseIds'][string] = { description: { text: 'The directory oobguard scanned from: the repository root in CI.' } };
  if (rootUri) base.uri = rootUri;
  const driver: SarifRun['tool']['driver'] = {
    name: 'oobguard',
    fullName: 'oobguard — Mattermost out-of-band environment compliance scanner',
    version: report.tool.version,
    semanticVersion: report.tool.version,
    informationUri: report.tool.informationUri,
    rules,
  };
  if (descriptors.length > 0) driver['notifications'] = descriptors;
  return {
    tool: { driver },
    automationDetails: { id: category, description: { text: description } },
    originalUriBaseIds: { [SRCROOT]: base },
    columnKind: 'utf16CodeUnits',
    invocations: [{
      executionSuccessful: !report.diagnostics.some((d) => d.severity === 'error'),
      startTimeUtc: report.scannedAt,
      toolExecutionNotifications: notifications,
    }],
    results,
    properties: { verdict: report.summary.verdict, failOn: report.failOn, reportSchemaVersion: report.schemaVersion },
  };
}

export function renderSarif(report: Report, opts: SarifOptions = {}): string {
  const sarif = buildSarif(report, opts);
  // Indented for people and diffs; compact when large (GitHub limits uploads to 10 MB gzipped).
  const large = report.findings.length > 2000;
  return `${JSON.stringify(sarif, null, large ? undefined : 2)}\n`;
}

export function buildSarif(report: Report, opts: SarifOptions = {}): SarifLog {
  const category = normalizeCategory(opts.category);
  const shown = report.findings.filter((f) => f.status === 'fail' || f.status === 'unknown' || f.status === 'error');
  const isLive = (f: Finding): boolean => f.source.ref !== undefined && f.source.ref !== '';
  const live = shown.filter(isLive);
  const files = shown.filter((f) => !isLive(f));
  const runs = [makeRun(report, opts, category, 'oobguard scan of files (manifests, IaC, Mattermost config.json)', files, true)];
  if (live.length > 0) runs.push(makeRun(report, opts, `${category}live/`, 'oobguard posture scan of live state', live, false));
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs };
}
