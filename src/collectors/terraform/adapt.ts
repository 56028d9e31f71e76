/**
 * TfCollection → the cloud model. Each Terraform resource type has a mapper (aws.ts, azure.ts)
 * that fills a model collection; split-out resources (aws_s3_bucket_versioning, …) are merged
 * into the object they configure. Rules then judge the model, the same way they will judge the
 * live accounts.
 */
import { emptyAws, type AwsCollections } from '../../model/aws.ts';
import { emptyAzure, type AzureCollections } from '../../model/azure.ts';
import type { CloudObject } from '../../model/cloud.ts';
import { joinPath, splitPath, type SourceRef } from '../../model/provenance.ts';
import type { Diagnostic } from '../../model/snapshot.ts';
import type { TfCollection, TfJson, TfObject, TfResource } from './types.ts';

export interface AdaptContext {
  aws: AwsCollections;
  azure: AzureCollections;
  diagnostics: Diagnostic[];
  origin: CloudObject['origin'];
  /** All resources, for joins by address. */
  byAddress: Map<string, TfResource>;
}

export type Mapper = (r: TfResource, ctx: AdaptContext) => void;
/** Runs after every mapper, for merges that need the whole set (split-out resources). */
export type Finisher = (resources: readonly TfResource[], ctx: AdaptContext) => void;

export interface ProviderAdapter {
  mappers: Record<string, Mapper>;
  finish?: Finisher;
  providers?: (c: TfCollection, ctx: AdaptContext) => void;
}

export function adaptTerraform(c: TfCollection, adapters: readonly ProviderAdapter[], origin: CloudObject['origin']): { aws: AwsCollections; azure: AzureCollections; diagnostics: Diagnostic[] } {
  const ctx: AdaptContext = { aws: emptyAws(), azure: emptyAzure(), diagnostics: [], origin, byAddress: new Map(c.resources.map((r) => [r.address, r])) };
  for (const a of adapters) a.providers?.(c, ctx);
  for (const r of c.resources) {
    // Data sources describe objects that exist elsewhere: mapped only by adapters that ask for them (`data.<type>`).
    const key = r.mode === 'data' ? `data.${r.type}` : r.type;
    for (const a of adapters) a.mappers[key]?.(r, ctx);
  }
  for (const a of adapters) a.finish?.(c.resources, ctx);
  return { aws: ctx.aws, azure: ctx.azure, diagnostics: ctx.diagnostics };
}

// ---- helpers for mappers -------------------------------------------------------------------

/** Read a value at an attribute path (`vpc_config[0].endpoint_public_access`). */
/**
 * The provider configuration a provider key names: the key itself, else (a module without its own
 * provider block inherits it) the same key further up (`module.a.module.b.aws.dr` → `module.b.aws.dr`
 * → `aws.dr`).
 */
export function inheritedProvider<T extends { providerKey: string }>(providers: readonly T[], key: string): T | undefined {
  for (let k: string | undefined = key; k !== undefined; k = /^module\.[^.]+\.(.+)$/.exec(k)?.[1]) {
    const hit = providers.find((p) => p.providerKey === k);
    if (hit) return hit;
  }
  return undefined;
}

export function at(values: Record<string, TfJson>, path: string): TfJson | undefined {
  let cur: TfJson | undefined = values;
  for (const seg of splitPath(path)) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, TfJson>)[seg as string];
  }
  return cur;
}

export function str(v: TfJson | undefined): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
export function bool(v: TfJson | undefined): boolean | null {
  return typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : null;
}
export function num(v: TfJson | undefined): number | null {
  return typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
}
export function strs(v: TfJson | undefined): string[] {
  return Array.isArray(v) ? v.map((x) => str(x)).filter((x) => x !== '') : typeof v === 'string' && v !== '' ? [v] : [];
}
export function blocks(v: TfJson | undefined): Record<string, TfJson>[] {
  if (Array.isArray(v)) return v.filter((x): x is Record<string, TfJson> => x !== null && typeof x === 'object' && !Array.isArray(x));
  return v !== null && typeof v === 'object' && v !== undefined ? [v as Record<string, TfJson>] : [];
}

/** The first of several attribute names that is set (AzureRM renames across majors). */
export function either(values: Record<string, TfJson>, ...paths: string[]): { value: TfJson | undefined; path: string } {
  for (const p of paths) {
    const v = at(values, p);
    if (v !== undefined && v !== null) return { value: v, path: p };
  }
  return { value: undefined, path: paths[0]! };
}

/** Is an attribute (or anything below it) unknown? Returns the reason. */
export function unknownAt(r: TfObject, path: string): string | null {
  for (const [p, why] of Object.entries(r.unknown)) {
    if (p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`) || path.startsWith(`${p}.`) || path.startsWith(`${p}[`)) return why;
  }
  return null;
}

/** Location of an attribute (its own line when the HCL scan found it, else the block's). */
export function lineOf(r: TfObject, path: string): SourceRef {
  let p = path;
  for (;;) {
    const l = r.lines[p];
    if (l !== undefined) return { ...r.source, line: l };
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return r.source;
    p = p.slice(0, cut);
  }
}

/** Base fields of a model object created from a Terraform resource. */
export function cloudBase(r: TfResource, ctx: AdaptContext, kind: string, name: string, resourceId: string): CloudObject {
  const tags: Record<string, string> = {};
  const t = r.values['tags'];
  if (t && typeof t === 'object' && !Array.isArray(t)) for (const [k, v] of Object.entries(t)) tags[k] = str(v);
  return {
    id: `tf/${r.address}`, kind, name, source: r.source, address: r.address, resourceId, providerKey: r.provider,
    origin: ctx.origin, module: r.module, tags,
  };
}

/**
 * Record, on a model object, where a model path came from and whether it is unknown: `modelPath`
 * (e.g. `versioning.status`) ← attribute `tfPath` of resource `r`.
 */
export function track(o: CloudObject, modelPath: string, r: TfObject, tfPath: string): void {
  (o.origins ??= {})[modelPath] = lineOf(r, tfPath);
  const why = unknownAt(r, tfPath);
  if (why !== null) (o.unknown ??= {})[modelPath] = `${r.address}.${tfPath}: ${why}`;
}

/** Mark a whole model path unknown. */
export { setUnknown as markUnknown } from '../../model/provenance.ts';

export { joinPath };
