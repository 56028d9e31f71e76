/**
 * The pre-drill audit's result (`oobguard drill`): a go/no-go checklist that follows the OOB
 * guideline's drill steps — DNS switching, Mattermost access, data restores — plus backups,
 * secrets and certificates, each item with its evidence and timestamps, and one verdict.
 * Serialized as is by `--format json` (schema: schemas/drill.schema.json).
 */
import type { CoverageSummary } from '../engine/types.ts';

/** `unknown` is never `go`; `not-applicable`: nothing of the kind is among the inputs (an Azure item on AWS). */
export const DRILL_STATUSES = ['go', 'no-go', 'unknown', 'not-applicable'] as const;
export type DrillStatus = (typeof DRILL_STATUSES)[number];

export const DRILL_STEPS = ['inputs', 'dns', 'access', 'backups', 'restores', 'secrets'] as const;
export type DrillStepId = (typeof DRILL_STEPS)[number];

/** A moment the evidence shows, with its age at the audit time. */
export interface DrillTimestamp {
  /** What happened then: `last successful backup completed`, `certificate expires`. */
  label: string;
  /** ISO 8601. */
  at: string;
  /** Hours from `at` to the audit time; negative when `at` is in the future (an expiry). */
  ageHours: number;
}

/** One fact the item rests on, as the model holds it. */
export interface DrillEvidence {
  /** What it is about: `Schedule velero/mattermost-daily`, `Route 53 chat.oob.example.org (primary)`. */
  subject: string;
  /** The facts, in one line. */
  detail: string;
  timestamps: DrillTimestamp[];
  /** `live` (read from an API), `terraform` (declared), `file` (manifests, config.json, exports). */
  origin: 'live' | 'terraform' | 'file';
  /** Where it was read: `file:line`, or the live reference (ARN, resource id, object path). */
  source: string;
  /** What this piece of evidence lacks that the item needs; set, it makes the item unknown. */
  missing?: string;
}

/** How the rules mapped to an item judged, counted by status. */
export interface DrillRuleCount {
  ruleId: string;
  title: string;
  pass: number;
  fail: number;
  unknown: number;
  waived: number;
  error: number;
}

export interface DrillItem {
  id: string;
  step: DrillStepId;
  title: string;
  /** Blocking items decide the verdict; advisory items are reported and never block. */
  blocking: boolean;
  /** What the item checks, in a sentence or two. */
  checks: string;
  status: DrillStatus;
  /** Why it is not go (failing checks first, then what is unknown); why it does not apply. */
  reasons: string[];
  /** Things to know that do not change the status: waivers, facts the model does not hold. */
  notes: string[];
  evidence: DrillEvidence[];
  rules: DrillRuleCount[];
}

export interface DrillStep {
  id: DrillStepId;
  title: string;
  items: DrillItem[];
}

export interface DrillResult {
  schemaVersion: 1;
  tool: { name: 'oobguard'; version: string; informationUri: string };
  /** The audit time: every age is measured to it (the rules' `now`). */
  auditedAt: string;
  /** When the evidence was collected (the snapshot's time; earlier than `auditedAt` for a saved snapshot). */
  collectedAt: string;
  /** GO only when every blocking item is go (or does not apply). */
  verdict: 'GO' | 'NO-GO';
  /** A blocking item is unknown: the inputs did not show enough to decide (exit code 2). */
  incomplete: boolean;
  /** One line per blocking item that is not go: `[no-go] backups.velero: …`. */
  reasons: string[];
  steps: DrillStep[];
  /** Which sources ran (`k8s-manifests`, `terraform`, `aws-live`, …). */
  sources: string[];
  inputs: { scanned: number; skipped: number; error: number };
  coverage: CoverageSummary[];
  /** 0 GO · 1 NO-GO · 2 a blocking item is unknown (wins over 1). */
  exitCode: 0 | 1 | 2;
}
