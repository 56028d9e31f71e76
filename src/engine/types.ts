/** Types shared by the engine, the surfaces and the reporters. Reporters import only these. */
import type { SourceRef } from '../model/provenance.ts';
import type { Diagnostic, InputRecord } from '../model/snapshot.ts';
import type { ReportChanges } from '../diff.ts';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const STATUSES = ['pass', 'fail', 'unknown', 'waived', 'error'] as const;
export type Status = (typeof STATUSES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

export interface RuleExample {
  name: string;
  /** Input files: path → content (none in an example of live state only). */
  files?: Record<string, string>;
  /** Live state: model objects as the live collectors leave them, and coverage gaps (`LiveCollections` in run.ts). */
  live?: Record<string, unknown>;
  /**
   * Live AWS: what the AWS APIs answer, read by the real live collector through the local
   * wire-protocol server of the tests (its options, test/helpers/aws-api-server.ts: API members as
   * the SDK names them; account 111122223333, region eu-central-1).
   */
  awsApi?: Record<string, unknown>;
  /** oobguard config (environment declaration, params) for this example. */
  config?: Record<string, unknown>;
  /**
   * Live Microsoft Graph answers (Graph v1.0 path after `/v1.0` → reply), served to the Graph
   * collector by a local server when the example runs; paths not listed answer 404.
   */
  graphApi?: Record<string, { status?: number; headers?: Record<string, string>; body?: unknown }>;
}

export interface RuleCheck {
  assert: string;
  message: string;
  path?: string;
}

/** A rule as written in rules/<domain>/<slug>.yaml (validated by rules/schema.json). */
export interface RuleSpec {
  id: string;
  slug: string;
  title: string;
  description: string;
  severity: Severity;
  target: string;
  when?: string;
  assert?: string;
  message?: string;
  path?: string;
  checks?: RuleCheck[];
  params?: Record<string, unknown>;
  requires?: string[];
  remediation: string;
  references?: string[];
  precision?: 'very-high' | 'high' | 'medium' | 'low';
  examples: { pass: RuleExample[]; fail: RuleExample[]; unknown?: RuleExample[] };
}

/** Framework placement of a control, attached to rules by control id. */
export interface FrameworkRefs {
  /** Zero Trust tenets of the seed ("Zero Trust with Mattermost"). */
  tenets: string[];
  /** OOB guideline domains of the seed ("Deploy Mattermost as an OOB system"). */
  domains: string[];
  nist: string[];
  cisa: string[];
}

export interface RuleMeta {
  id: string;
  controlId: string;
  slug: string;
  title: string;
  description: string;
  severity: Severity;
  /** Severity as written in the rule, before config overrides. */
  defaultSeverity: Severity;
  target: string;
  remediation: string;
  references: string[];
  precision: 'very-high' | 'high' | 'medium' | 'low';
  frameworks: FrameworkRefs;
  /** Rule file, for diagnostics and docs. */
  file: string;
  builtin: boolean;
}

export interface Location {
  file: string;
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
  /** The path inside the document the location resolved to (may be an ancestor of the asked path). */
  docPath?: string;
  template?: string;
}

export interface Finding {
  ruleId: string;
  controlId: string;
  status: Status;
  severity: Severity;
  message: string;
  /** Stable identity of the judged object (used by fingerprints and baselines). */
  objectId: string;
  objectKind: string;
  objectName: string;
  namespace: string;
  /** Model path the finding is about, if the rule named one. */
  path?: string;
  /** Where the judged value lives (file + document path), before line resolution. */
  source: SourceRef;
  /** Resolved file/line/column (filled in by the locator). */
  location?: Location;
  /** Why the result is unknown or an error. */
  reasons?: string[];
  waiver?: { reason: string; owner: string; expires: string | null; origin: 'config' | 'annotation' };
  fingerprint: string;
  /**
   * Against a baseline (`--baseline`): `existing` when the baseline already had it in the same
   * state (failing, or not judged), else `new`. An existing failure does not gate the exit code;
   * an unknown or error gates whether it is existing or new (unknown is not pass).
   */
  baseline?: 'new' | 'existing';
}

export interface Summary {
  verdict: 'pass' | 'fail' | 'incomplete';
  total: number;
  byStatus: Record<Status, number>;
  /** Failing findings by severity. */
  failingBySeverity: Record<Severity, number>;
  inputs: { scanned: number; skipped: number; error: number };
  rules: { total: number; evaluated: number };
}

/** Per live source: how much of what was attempted could be read. */
export interface CoverageSummary {
  source: string;
  scope: string;
  calls: number;
  failedCalls: number;
  /** Share of calls that succeeded, 0–100 (100 when nothing was attempted). */
  percent: number;
  /** Collections × scopes that could not be read (each makes the rules on it unknown there). */
  gaps: number;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'oobguard'; version: string; informationUri: string };
  scannedAt: string;
  failOn: Severity;
  inputs: InputRecord[];
  diagnostics: Diagnostic[];
  rules: RuleMeta[];
  findings: Finding[];
  summary: Summary;
  /** Live sources only. */
  coverage?: CoverageSummary[];
  /** What changed since a previous result (`--previous` / `--baseline`). */
  changes?: ReportChanges;
  /** The exit code gates only findings new against this baseline (`--baseline`). */
  baseline?: { file: string; scannedAt: string };
  exitCode: 0 | 1 | 2 | 3;
}
