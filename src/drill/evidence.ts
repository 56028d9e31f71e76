/**
 * Helpers the drill's evidence extractors share: where a model object came from, its timestamps
 * aged to the audit time, and live objects preferred over the Terraform declarations of the same
 * thing. Pure: the audit time is passed in.
 */
import type { Report } from '../engine/types.ts';
import type { DrillEvent } from '../model/aws-data.ts';
import type { ModelObject } from '../model/provenance.ts';
import type { Snapshot } from '../model/snapshot.ts';
import type { DrillEvidence, DrillTimestamp } from './types.ts';
import { counted } from '../../reporters/markdown-text.ts';

export interface EvidenceContext {
  snapshot: Snapshot;
  report: Report;
  /** The audit time (ISO 8601). */
  now: string;
}

/** Live API objects, Terraform declarations, or files (manifests, exports, config.json). */
export function originOf(o: ModelObject): DrillEvidence['origin'] {
  const origin = (o as { origin?: unknown }).origin;
  if (origin === 'live' || o.source.file.startsWith('oobguard-live/')) return 'live';
  if (origin === 'terraform-hcl' || origin === 'terraform-plan') return 'terraform';
  return 'file';
}

export function sourceOf(o: ModelObject): string {
  return o.source.ref ?? `${o.source.file}:${o.source.line}`;
}

/** A piece of evidence about a model object. */
export function evidence(o: ModelObject, subject: string, detail: string, timestamps: DrillTimestamp[] = [], missing?: string): DrillEvidence {
  return { subject, detail, timestamps, origin: originOf(o), source: sourceOf(o), ...(missing !== undefined ? { missing } : {}) };
}

/** Hours from `at` to `now`; null when `at` is not a time. */
export function ageHours(at: string, now: string): number | null {
  const a = Date.parse(at);
  const n = Date.parse(now);
  return Number.isNaN(a) || Number.isNaN(n) || at.trim() === '' ? null : Math.round(((n - a) / 3_600_000) * 100) / 100;
}

/** Timestamps that are times, aged to `now` (the others are left out). */
export function stamps(now: string, ...entries: [label: string, at: unknown][]): DrillTimestamp[] {
  const out: DrillTimestamp[] = [];
  for (const [label, at] of entries) {
    if (typeof at !== 'string') continue;
    const age = ageHours(at, now);
    if (age !== null) out.push({ label, at: new Date(Date.parse(at)).toISOString(), ageHours: age });
  }
  return out;
}

/** A JSON object's member as a string ("" when absent or not a string). */
export function str(o: unknown, key: string): string {
  const v = o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : '';
}

export function num(o: unknown, key: string): number | null {
  const v = o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined;
  return typeof v === 'number' ? v : null;
}

export function strings(o: unknown, key: string): string[] {
  const v = o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * One object per identity, live first: a scan of Terraform together with the live account holds
 * both the declaration and the real object; the drill's evidence is the real one. Declarations
 * with no live twin stay (they may be all there is).
 */
export function preferLive<T extends ModelObject>(objects: readonly T[], key: (o: T) => string): T[] {
  const live = new Set(objects.filter((o) => originOf(o) === 'live').map(key));
  return objects.filter((o) => originOf(o) === 'live' || !live.has(key(o)));
}

const indexes = new WeakMap<Snapshot, Map<string, ModelObject>>();

/** Every model object of the snapshot by id, to find what a finding is about. */
export function indexObjects(snapshot: Snapshot): Map<string, ModelObject> {
  const cached = indexes.get(snapshot);
  if (cached) return cached;
  const out = new Map<string, ModelObject>();
  indexes.set(snapshot, out);
  const walk = (v: unknown, depth: number): void => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const o of v) if (o !== null && typeof o === 'object' && typeof (o as ModelObject).id === 'string' && typeof (o as ModelObject).kind === 'string') out.set((o as ModelObject).id, o as ModelObject);
      return;
    }
    for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk({ k8s: snapshot.k8s, mattermost: snapshot.mattermost, aws: snapshot.aws, azure: snapshot.azure }, 0);
  return out;
}

/** The objects the findings of these rules are about (each once, in finding order). */
export function judgedObjects<T extends ModelObject>(ctx: EvidenceContext, ruleIds: readonly string[], kind?: string): T[] {
  const index = indexObjects(ctx.snapshot);
  const out = new Map<string, T>();
  for (const f of ctx.report.findings) {
    if (!ruleIds.includes(f.ruleId)) continue;
    const o = index.get(f.objectId);
    if (o && (kind === undefined || o.kind === kind)) out.set(o.id, o as T);
  }
  return [...out.values()];
}

/** CloudTrail drill events (newest three) as one line, or why there are none. */
export function drillEvents(ctx: EvidenceContext, o: ModelObject, subject: string, events: readonly DrillEvent[], unreadPath: string, none: string): DrillEvidence {
  const newest = events.slice(0, 3);
  const unread = o.unknown?.[unreadPath];
  const detail = newest.length > 0
    ? newest.map((e) => `${e.eventName}: ${e.detail}${e.username ? ` (by ${e.username})` : ''}`).join('; ')
    : unread ? `history not read: ${unread}` : none;
  return evidence(o, subject, detail, stamps(ctx.now, ...newest.map((e): [string, string] => [e.eventName, e.eventTime])));
}

/** What was read: the files, each live source's share of successful calls, when it was collected. */
export function inputsRead(ctx: EvidenceContext): DrillEvidence[] {
  const s = ctx.report.summary.inputs;
  const at = stamps(ctx.now, ['evidence collected', ctx.snapshot.collectedAt]);
  const files: DrillEvidence = {
    subject: 'Files', detail: `${counted(s.scanned, 'input')} scanned, ${s.skipped} skipped, ${s.error} with errors; sources ${ctx.snapshot.sources.join(', ') || 'none'}`,
    timestamps: at, origin: 'file', source: '(inputs)',
  };
  const live = (ctx.snapshot.coverage ?? []).map((c): DrillEvidence => ({
    subject: `Live ${c.source} ${c.scope}`.trim(),
    detail: `${c.calls - c.failedCalls} of ${counted(c.calls, 'API call')} succeeded; ${c.gaps.length === 0 ? 'everything read' : `not read: ${[...new Set(c.gaps.map((g) => `${g.collection}${g.scope ? ` (${g.scope})` : ''}`))].join(', ')}`}`,
    timestamps: at, origin: 'live', source: `oobguard-live/${c.source}/${c.scope || 'default'}`,
  }));
  return [files, ...live];
}
