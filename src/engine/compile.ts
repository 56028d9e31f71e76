/**
 * Validate rule documents against rules/schema.json and compile their CEL once. A broken rule is
 * reported with its file and JSON path and never hides the others. Pure: the caller reads files.
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { ASTNode, Environment } from '@marcbachmann/cel-js';
import ruleSchema from '../../rules/schema.json' with { type: 'json' };
import { TARGETS, type Diagnostic } from '../model/snapshot.ts';
import { createCelEnvironment, objectPaths, snapshotCollections } from './cel.ts';
import type { FrameworkRefs, RuleMeta, RuleSpec, Severity } from './types.ts';

export interface CompiledExpr {
  source: string;
  run: (ctx: Record<string, unknown>) => unknown;
  /** Paths under `object` the expression reads. */
  paths: string[];
  /** First segments of `paths` ("" when the expression reads the whole object). */
  roots: Set<string>;
  /** Snapshot collections the expression reads besides `object` (joins). */
  collections: string[];
}

export interface CompiledTemplate {
  parts: (string | CompiledExpr)[];
}

export interface CompiledCheck {
  assert: CompiledExpr;
  message: CompiledTemplate;
  path: string | null;
}

export interface CompiledRule {
  meta: RuleMeta;
  spec: RuleSpec;
  when: CompiledExpr | null;
  checks: CompiledCheck[];
  params: Record<string, unknown>;
  requires: string[];
}

export interface RuleDocument {
  file: string;
  data: unknown;
  builtin: boolean;
  /** Validated against rules/schema.json when the bundle was built (embedded built-ins). */
  prevalidated?: boolean;
}

let sharedEnv: Environment | null = null;
export function celEnvironment(): Environment {
  return (sharedEnv ??= createCelEnvironment());
}

/** The rule validator, compiled on first use (a bundled, pre-validated catalog never needs it). */
let validateRuleFn: ReturnType<Ajv['compile']> | null = null;
function ruleValidator(): ReturnType<Ajv['compile']> {
  return (validateRuleFn ??= new Ajv({ allErrors: true, strict: false }).compile<RuleSpec>(ruleSchema));
}

export function compileExpr(source: string): CompiledExpr {
  const env = celEnvironment();
  const parsed = env.parse(source);
  const fn = parsed as unknown as ((ctx: Record<string, unknown>) => unknown) & { ast: ASTNode };
  const paths = objectPaths(fn.ast);
  return { source, run: (ctx) => fn(ctx), paths, roots: new Set(paths.map(rootOf)), collections: snapshotCollections(fn.ast, TARGETS) };
}

/** First segment of a model path: `a.b[0]` → `a`, `a["x"]` → `a`. */
export function rootOf(path: string): string {
  const m = /^[^.[]*/.exec(path);
  return m ? m[0] : '';
}

export function compileTemplate(text: string): CompiledTemplate {
  const parts: (string | CompiledExpr)[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{\{\s*([\s\S]+?)\s*\}\}/g)) {
    parts.push(text.slice(last, m.index));
    parts.push(compileExpr(m[1]!));
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return { parts: parts.filter((p) => p !== '') };
}

function ajvPath(e: ErrorObject): string {
  const p = e.instancePath.replace(/^\//, '').split('/').filter(Boolean).map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('');
  return `$${p}`;
}

function describeAjv(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `unknown key "${String((e.params as { additionalProperty: string }).additionalProperty)}"`;
  if (e.keyword === 'enum') return `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'oneOf' || e.keyword === 'not') return 'must have either `assert` + `message`, or `checks` (not both)';
  return e.message ?? e.keyword;
}

export function controlIdOf(ruleId: string): string {
  return ruleId.split('.')[0]!;
}

export function compileRules(
  docs: readonly RuleDocument[],
  frameworks: (controlId: string) => FrameworkRefs,
): { rules: CompiledRule[]; diagnostics: Diagnostic[] } {
  const rules: CompiledRule[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const doc of docs) {
    const validateRule = doc.prevalidated ? null : ruleValidator();
    if (validateRule && !validateRule(doc.data)) {
      const errs = (validateRule.errors ?? []).filter((e) => e.keyword !== 'if');
      const shown = errs.filter((e) => e.keyword !== 'oneOf' || errs.length === 1).slice(0, 5);
      for (const e of shown.length > 0 ? shown : errs.slice(0, 1)) {
        diagnostics.push({
          code: 'rule/invalid', severity: 'error', file: doc.file, path: ajvPath(e),
          message: `${doc.file}: ${ajvPath(e)}: ${describeAjv(e)}; rule not loaded`,
          hint: 'See rules/schema.json and docs/writing-rules.md.',
        });
      }
      continue;
    }
    const spec = doc.data as RuleSpec;
    const prior = seen.get(spec.id);
    if (prior !== undefined) {
      diagnostics.push({ code: 'rule/invalid', severity: 'error', file: doc.file, path: '$.id', message: `${doc.file}: $.id: duplicate rule id ${spec.id} (also in ${prior}); rule not loaded` });
      continue;
    }
    if (!(TARGETS as readonly string[]).includes(spec.target)) {
      diagnostics.push({
        code: 'rule/invalid', severity: 'error', file: doc.file, path: '$.target',
        message: `${doc.file}: $.target: unknown collection "${spec.target}"; rule not loaded`,
        hint: `Collections: ${TARGETS.join(', ')}.`,
      });
      continue;
    }
    try {
      const compileParts = (): { when: CompiledExpr | null; checks: CompiledCheck[] } => ({
        checks: spec.checks
          ? spec.checks.map((c, i) => compileCheck(c.assert, c.message, c.path ?? null, `$.checks[${i}]`))
          : [compileCheck(spec.assert!, spec.message!, spec.path ?? null, '$')],
        when: spec.when !== undefined ? wrap(() => compileExpr(spec.when!), '$.when') : null,
      });
      // A pre-validated built-in (compiled when the bundle was built) compiles its CEL on first
      // use: a scan that has no object of a rule's target never pays for it. Anything else
      // compiles now, so a broken expression is reported with its file.
      let parts: { when: CompiledExpr | null; checks: CompiledCheck[] } | null = doc.prevalidated ? null : compileParts();
      const materialize = (): { when: CompiledExpr | null; checks: CompiledCheck[] } => (parts ??= compileParts());
      seen.set(spec.id, doc.file);
      const controlId = controlIdOf(spec.id);
      const rule = {
        spec,
        get when(): CompiledExpr | null { return materialize().when; },
        get checks(): CompiledCheck[] { return materialize().checks; },
        params: spec.params ?? {},
        requires: spec.requires ?? [],
        meta: {
          id: spec.id, controlId, slug: spec.slug, title: spec.title, description: spec.description,
          severity: spec.severity, defaultSeverity: spec.severity, target: spec.target, remediation: spec.remediation,
          references: spec.references ?? [], precision: spec.precision ?? 'high', frameworks: frameworks(controlId),
          file: doc.file, builtin: doc.builtin,
        },
      };
      rules.push(rule);
    } catch (e) {
      const err = e as Error & { jsonPath?: string };
      diagnostics.push({
        code: 'rule/compile', severity: 'error', file: doc.file, path: err.jsonPath ?? '$',
        message: `${doc.file}: ${err.jsonPath ?? '$'}: CEL does not compile: ${err.message.split('\n')[0]}; rule not loaded`,
        hint: 'Check the expression syntax; functions available to rules are listed in docs/writing-rules.md.',
      });
    }
  }
  rules.sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
  return { rules, diagnostics };
}

function wrap<T>(f: () => T, jsonPath: string): T {
  try {
    return f();
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    (err as Error & { jsonPath?: string }).jsonPath = jsonPath;
    throw err;
  }
}

function compileCheck(assert: string, message: string, path: string | null, at: string): CompiledCheck {
  return {
    assert: wrap(() => compileExpr(assert), `${at}.assert`),
    message: wrap(() => compileTemplate(message), `${at}.message`),
    path,
  };
}

export function isSeverity(s: string): s is Severity {
  return ['critical', 'high', 'medium', 'low', 'info'].includes(s);
}
