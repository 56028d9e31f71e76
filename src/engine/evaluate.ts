/**
 * evaluate(rules, snapshot, config, now) → findings. Synchronous, deterministic and pure: no file,
 * network, clock or environment access (the scan time is passed in). Passes are recorded too.
 */
import { hash } from 'node:crypto';
import picomatch from 'picomatch';
import type { OobguardConfig, Waiver } from '../config/config.ts';
import { sourceFor } from '../model/doc-paths.ts';
import type { ModelObject } from '../model/provenance.ts';
import { collection, type Diagnostic, type Snapshot } from '../model/snapshot.ts';
import { rootOf, type CompiledExpr, type CompiledRule, type CompiledTemplate } from './compile.ts';
import type { Finding, RuleMeta, Severity, Status } from './types.ts';

export interface EvaluateInput {
  rules: readonly CompiledRule[];
  snapshot: Snapshot;
  config: OobguardConfig;
  /** Scan time (ISO 8601), exposed to rules as `now`. */
  now: string;
}

export interface EvaluateOutput {
  findings: Finding[];
  rules: RuleMeta[];
  diagnostics: Diagnostic[];
}

type AnyObject = ModelObject & Record<string, unknown>;

function startsWithPath(path: string, prefix: string): boolean {
  return prefix === '' || path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

const unknownRootsCache = new WeakMap<object, Set<string>>();
function unknownRoots(object: AnyObject, unknown: Record<string, string>): Set<string> {
  let r = unknownRootsCache.get(object);
  if (!r) unknownRootsCache.set(object, (r = new Set(Object.keys(unknown).map(rootOf))));
  return r;
}

/** Unknown values an expression touches, as reasons. */
function touchedUnknowns(object: AnyObject, expr: CompiledExpr): string[] {
  const unknown = object.unknown;
  if (!unknown) return [];
  // Fast path: the expression reads no top-level field that has an unknown below it.
  if (!expr.roots.has('')) {
    let overlap = false;
    for (const r of unknownRoots(object, unknown)) if (r === '' || expr.roots.has(r)) { overlap = true; break; }
    if (!overlap) return [];
  }
  const reasons = new Set<string>();
  const known = object.known;
  for (const p of expr.paths) {
    if (known && known.some((k) => startsWithPath(p, k))) continue;
    for (const u in unknown) if (startsWithPath(p, u) || startsWithPath(u, p)) reasons.add(unknown[u]!);
  }
  return [...reasons];
}

function renderTemplate(t: CompiledTemplate, ctx: Record<string, unknown>): string {
  return t.parts.map((p) => {
    if (typeof p === 'string') return p;
    try {
      return display(p.run(ctx));
    } catch {
      return '?';
    }
  }).join('');
}

function display(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Map) return JSON.stringify(Object.fromEntries(v));
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
}

export function fingerprint(ruleId: string, objectId: string, path: string | undefined): string {
  return hash('sha256', `${ruleId}\u0000${objectId}\u0000${path ?? ''}`).slice(0, 32);
}

interface WaiverState { waiver: Waiver; used: boolean; expired: boolean; matchRule: (s: string) => boolean; matchResource: (s: string) => boolean }

function annotationsOf(o: AnyObject, byId: Map<string, AnyObject>): Record<string, string> {
  if (o.kind === 'Container') return annotationsOf(byId.get((o['workload'] as { id: string }).id) ?? ({} as AnyObject), byId);
  if (o.kind === 'MattermostConfig' && typeof o['installation'] === 'string') return annotationsOf(byId.get(o['installation']) ?? ({} as AnyObject), byId);
  const a = o['annotations'];
  return a && typeof a === 'object' ? (a as Record<string, string>) : {};
}

/** The object's id and the ids of what it belongs to (a container's workload, a config's installation). */
function ownerIds(o: AnyObject): string[] {
  const ids = [o.id];
  if (o.kind === 'Container') ids.push((o['workload'] as { id: string }).id);
  if (o.kind === 'MattermostConfig' && typeof o['installation'] === 'string') ids.push(o['installation']);
  return ids;
}

function ruleOverride(config: OobguardConfig, rule: CompiledRule): { severity?: Severity; enabled?: boolean; params?: Record<string, unknown> } {
  return { ...(config.rules[rule.meta.controlId] ?? {}), ...(config.rules[rule.meta.id] ?? {}) };
}

function envValue(config: OobguardConfig, dotted: string): unknown {
  const [scope, key] = dotted.split('.') as ['primary' | 'oob', string];
  return (config.environment[scope] as Record<string, unknown>)[key];
}

export function evaluate(input: EvaluateInput): EvaluateOutput {
  const { snapshot, config, now } = input;
  const today = now.slice(0, 10);
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const metas: RuleMeta[] = [];
  const waivers: WaiverState[] = config.waivers.map((w) => ({
    waiver: w, used: false, expired: w.expires !== undefined && w.expires < today,
    matchRule: picomatch(w.rule), matchResource: picomatch(w.resource ?? '**', { dot: true }),
  }));
  for (const w of waivers) {
    if (w.expired) {
      diagnostics.push({
        code: 'waiver/expired', severity: 'warning', ...(config.file ? { file: config.file } : {}),
        message: `waiver for ${w.waiver.rule}${w.waiver.resource ? ` on ${w.waiver.resource}` : ''} (owner ${w.waiver.owner}) expired on ${w.waiver.expires}; it no longer waives anything`,
        hint: 'Fix the finding, or renew the waiver with a new expiry date and reason.',
      });
    }
  }
  const byId = new Map<string, AnyObject>();
  for (const list of [snapshot.k8s.workloads, snapshot.k8s.mattermosts]) for (const o of list) byId.set(o.id, o as unknown as AnyObject);
  const env = config.environment;

  for (const rule of input.rules) {
    const ov = ruleOverride(config, rule);
    if (ov.enabled === false) continue;
    const severity = ov.severity ?? rule.meta.severity;
    const meta: RuleMeta = { ...rule.meta, severity };
    metas.push(meta);
    const params: Record<string, unknown> = { ...rule.params };
    for (const k of Object.keys(params)) if (k in config.thresholds) params[k] = config.thresholds[k];
    Object.assign(params, ov.params ?? {});
    const missing = rule.requires.filter((r) => {
      const v = envValue(config, r);
      return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    });
    const objects = (collection(snapshot, rule.meta.target) ?? []) as AnyObject[];
    // A collection a live source could not (fully) read: the rule cannot be judged there.
    for (const cov of snapshot.coverage ?? []) {
      for (const gap of cov.gaps) {
        if (gap.collection !== rule.meta.target) continue;
        const where = `${cov.source}${cov.scope ? ` ${cov.scope}` : ''}${gap.scope ? ` (${gap.scope})` : ''}`;
        const id = `coverage/${cov.source}/${cov.scope}/${gap.scope}/${gap.collection}`;
        const f: Finding = {
          ruleId: rule.meta.id, controlId: rule.meta.controlId, status: 'unknown', severity,
          message: `${rule.meta.title}: cannot be evaluated for ${where}: ${gap.collection} could not be read`,
          objectId: id, objectKind: 'Coverage', objectName: gap.collection, namespace: gap.scope,
          source: { file: `oobguard-live/${cov.source}/${cov.scope || 'default'}`, line: 1, ref: gap.api },
          reasons: [`${gap.api} failed: ${gap.error}${gap.permission ? ` — needs ${gap.permission}` : ''}`],
          fingerprint: fingerprint(rule.meta.id, id, undefined),
        };
        findings.push(f);
      }
    }
    // Gaps in collections the rule joins with (not its target): objects in that scope are unknown.
    const joinGaps: { where: string; scope: string; reason: string; collection: string }[] = [];
    if ((snapshot.coverage ?? []).some((c) => c.gaps.length > 0) && objects.length > 0) {
      const read = new Set([...(rule.when?.collections ?? []), ...rule.checks.flatMap((c) => c.assert.collections)]);
      for (const cov of snapshot.coverage ?? []) {
        for (const gap of cov.gaps) {
          if (gap.collection === rule.meta.target || !read.has(gap.collection)) continue;
          joinGaps.push({
            where: `${cov.source}${cov.scope ? ` ${cov.scope}` : ''}`, scope: gap.scope, collection: gap.collection,
            reason: `the rule reads ${gap.collection}, which could not be read${gap.scope ? ` in ${gap.scope}` : ''}: ${gap.api} failed: ${gap.error}${gap.permission ? ` — needs ${gap.permission}` : ''}`,
          });
        }
      }
    }
    for (const object of objects) {
      const ctx = { object, snapshot, env, params, now };
      const emit = (status: Status, message: string, path: string | undefined, reasons?: string[]): void => {
        const f: Finding = {
          ruleId: rule.meta.id, controlId: rule.meta.controlId, status, severity, message,
          objectId: object.id, objectKind: object.kind, objectName: object.name, namespace: object.namespace ?? '',
          source: path === undefined ? object.source : sourceFor(object, path), fingerprint: fingerprint(rule.meta.id, object.id, path),
        };
        if (path !== undefined) f.path = path;
        if (reasons && reasons.length > 0) f.reasons = reasons;
        if (status === 'fail' || status === 'unknown') applyWaivers(f, object);
        findings.push(f);
      };
      if (joinGaps.length > 0) {
        const ns = object.namespace ?? '';
        const hits = joinGaps.filter((g) => g.scope === '' || g.scope === ns);
        if (hits.length > 0) {
          emit('unknown', `${rule.meta.title}: cannot be evaluated`, undefined, hits.map((g) => g.reason));
          continue;
        }
      }
      if (rule.when) {
        const u = touchedUnknowns(object, rule.when);
        if (u.length > 0) {
          emit('unknown', `${rule.meta.title}: cannot tell whether this applies`, undefined, u);
          continue;
        }
        let applies: unknown;
        try {
          applies = rule.when.run(ctx);
        } catch (e) {
          emit('error', `${rule.meta.title}: the rule's applicability condition failed`, undefined, [celError(e)]);
          continue;
        }
        if (applies !== true) continue;
      }
      if (missing.length > 0) {
        emit('unknown', `${rule.meta.title}: needs the environment declaration ${missing.map((m) => `environment.${m}`).join(', ')}`, undefined,
          [`declare ${missing.map((m) => `environment.${m}`).join(', ')} in the oobguard config file (see docs/configuration.md)`]);
        continue;
      }
      const failed: { message: string; path: string | undefined }[] = [];
      const unknown: string[] = [];
      const errors: string[] = [];
      for (const check of rule.checks) {
        const u = touchedUnknowns(object, check.assert);
        if (u.length > 0) {
          unknown.push(...u);
          continue;
        }
        let ok: unknown;
        try {
          ok = check.assert.run(ctx);
        } catch (e) {
          errors.push(celError(e));
          continue;
        }
        if (ok === true) continue;
        if (ok !== false) {
          errors.push(`the assertion returned ${display(ok)}, not a bool`);
          continue;
        }
        failed.push({ message: renderTemplate(check.message, ctx), path: check.path ?? undefined });
      }
      if (failed.length > 0) emit('fail', failed.map((f) => f.message).join('; '), failed[0]!.path);
      else if (errors.length > 0) emit('error', `${rule.meta.title}: evaluation failed`, undefined, errors);
      else if (unknown.length > 0) emit('unknown', `${rule.meta.title}: cannot be evaluated`, undefined, [...new Set(unknown)]);
      else emit('pass', rule.meta.title, undefined);
    }
  }

  function applyWaivers(f: Finding, object: AnyObject): void {
    const ann = annotationsOf(object, byId);
    const annRules = (ann['oobguard.io/waive'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (annRules.some((r) => r === f.ruleId || r === f.controlId)) {
      const expires = ann['oobguard.io/waive-expires'] ?? null;
      if (expires !== null && expires < today) {
        diagnostics.push({
          code: 'waiver/expired', severity: 'warning', file: object.source.file, line: object.source.line,
          message: `${object.source.file}: annotation waiver for ${f.ruleId} on ${object.id} expired on ${expires}; it no longer waives anything`,
        });
        return;
      }
      f.status = 'waived';
      f.waiver = { reason: ann['oobguard.io/waive-reason'] ?? '(no reason given)', owner: ann['oobguard.io/waive-owner'] ?? '(no owner given)', expires, origin: 'annotation' };
      return;
    }
    for (const w of waivers) {
      if (w.expired) continue;
      if (!(w.matchRule(f.ruleId) || w.matchRule(f.controlId)) || !ownerIds(object).some((id) => w.matchResource(id))) continue;
      w.used = true;
      f.status = 'waived';
      f.waiver = { reason: w.waiver.reason, owner: w.waiver.owner, expires: w.waiver.expires ?? null, origin: 'config' };
      return;
    }
  }

  for (const w of waivers) {
    if (!w.used && !w.expired) {
      diagnostics.push({
        code: 'waiver/unused', severity: 'warning', ...(config.file ? { file: config.file } : {}),
        message: `waiver for ${w.waiver.rule}${w.waiver.resource ? ` on ${w.waiver.resource}` : ''} (owner ${w.waiver.owner}) matched nothing`,
        hint: 'Remove it, or correct the rule id / resource pattern (object ids look like k8s/Deployment/<namespace>/<name>).',
      });
    }
  }
  findings.sort(compareFindings);
  return { findings, rules: metas, diagnostics };
}

function celError(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0] ?? m;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.objectId < b.objectId ? -1 : a.objectId > b.objectId ? 1 : 0;
}
