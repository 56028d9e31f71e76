/**
 * `oobguard merge`: combine the Snapshots of a sharded collection (one shard per account,
 * subscription or cluster) into one, so it can be evaluated as a single scan.
 *
 * The model collections are walked generically: every array under the snapshot (other than the
 * bookkeeping fields below) is concatenated, and a new collection needs no change here. Objects
 * that two shards both carry (the same `id` in the same collection) are kept once; when the two
 * copies differ, the first shard's is kept and a warning says so.
 *
 * Cross-source joins (ServiceAccount ↔ IAM role, IRSA trust ↔ OIDC provider ↔ EKS cluster, the
 * file-store and Velero buckets) are redone on the merged snapshot: each shard's joined facts are
 * cleared first, so shards are compared on what they read, and the joins see every shard.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Report } from './engine/types.ts';
import { joinAwsIdentity, unjoinAwsIdentity } from './model/functions/aws-identity-join.ts';
import { SNAPSHOT_SCHEMA_VERSION, type Diagnostic, type Snapshot } from './model/snapshot.ts';
import { run, UsageError, type RunOptions } from './run.ts';
import { VERSION } from './version.ts';

/** Top-level fields with their own merge rule; every other field is a tree of collections. */
const BOOKKEEPING = new Set(['schemaVersion', 'tool', 'collectedAt', 'sources', 'inputs', 'diagnostics', 'coverage']);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Structural equality of two JSON values (key order does not matter). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameJson(a[k], b[k]));
  }
  return false;
}

function idOf(v: unknown): string | undefined {
  return isObject(v) && typeof v['id'] === 'string' ? v['id'] : undefined;
}

interface Shard {
  snapshot: Snapshot;
  /** How messages name the shard: its file, or "snapshot #n". */
  name: string;
}

function describe(s: Shard): string {
  return `${s.name} (collected ${s.snapshot.collectedAt}; sources ${s.snapshot.sources.join(', ') || 'none'})`;
}

/** Per collection path: id → the object kept and the shard it came from. */
type Seen = Map<string, Map<string, { value: Json; shard: Shard }>>;

/**
 * Merge `source` (one shard's subtree at `at`) into `target` (the merged subtree). Arrays are
 * concatenated; objects recurse; an object whose id an earlier shard already contributed to the
 * same collection is dropped (identical) or dropped with a warning (different). Ids repeated
 * inside one shard are left alone: that is how the collector produced them.
 */
function mergeTree(target: JsonObject, source: JsonObject, at: string, shard: Shard, seen: Seen, diagnostics: Diagnostic[]): void {
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const here = at ? `${at}.${key}` : key;
    const cur = target[key];
    if (Array.isArray(value)) {
      const out: Json[] = Array.isArray(cur) ? cur : [];
      target[key] = out;
      const ids = seen.get(here) ?? new Map<string, { value: Json; shard: Shard }>();
      seen.set(here, ids);
      const mine: Json[] = [];
      for (const item of value) {
        const id = idOf(item);
        const earlier = id === undefined ? undefined : ids.get(id);
        if (id !== undefined && earlier !== undefined && earlier.shard !== shard) {
          if (!sameJson(earlier.value, item)) {
            diagnostics.push({
              code: 'input/skipped', severity: 'warning', file: shard.name, path: here,
              message: `${here}: "${id}" differs between ${describe(earlier.shard)} and ${describe(shard)}; kept the one from ${earlier.shard.name}`,
              hint: 'Two shards read the same object differently (a change between their collection times, or overlapping shards). Re-collect, or give each shard its own accounts, subscriptions or clusters.',
            });
          }
          continue;
        }
        out.push(item);
        mine.push(item);
      }
      // Register this shard's ids only after the whole array, so repeats inside it all survive.
      for (const item of mine) {
        const id = idOf(item);
        if (id !== undefined && !ids.has(id)) ids.set(id, { value: item, shard });
      }
    } else if (isObject(value)) {
      const sub: JsonObject = isObject(cur) ? cur : {};
      target[key] = sub;
      mergeTree(sub, value, here, shard, seen, diagnostics);
    } else if (cur === undefined) {
      target[key] = value;
    }
  }
}

/** Concatenate, dropping exact repeats (the same file read by two shards is one input). */
function concatDistinct<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const keys = new Set<string>();
  for (const list of lists) {
    for (const item of list) {
      const key = JSON.stringify(item);
      if (keys.has(key)) continue;
      keys.add(key);
      out.push(item);
    }
  }
  return out;
}

/**
 * Merge shard snapshots into one. Throws a UsageError for an empty list or a snapshot of another
 * schemaVersion. `names` (file names) label the shards in messages.
 */
export function mergeSnapshots(snapshots: readonly Snapshot[], names?: readonly string[]): { snapshot: Snapshot; diagnostics: Diagnostic[] } {
  if (snapshots.length === 0) throw new UsageError('nothing to merge: give at least one snapshot');
  const shards: Shard[] = snapshots.map((snapshot, i) => ({ snapshot, name: names?.[i] ?? `snapshot #${i + 1}` }));
  for (const s of shards) {
    if ((s.snapshot.schemaVersion as number) !== SNAPSHOT_SCHEMA_VERSION) {
      throw new UsageError(`${s.name}: snapshot schemaVersion ${String(s.snapshot.schemaVersion)}, but this oobguard ${VERSION} reads and merges schemaVersion ${SNAPSHOT_SCHEMA_VERSION}; collect every shard with the same oobguard version`);
    }
  }
  const diagnostics: Diagnostic[] = [];
  const versions = [...new Set(shards.map((s) => s.snapshot.tool?.version ?? 'unknown'))];
  if (versions.length > 1) {
    diagnostics.push({
      code: 'input/skipped', severity: 'note',
      message: `the shards were collected by different oobguard versions (${versions.join(', ')}); their models may differ`,
      hint: 'Pin one oobguard version for every shard of a scan.',
    });
  }
  const tree: JsonObject = {};
  const seen: Seen = new Map();
  for (const s of shards) {
    const body: JsonObject = {};
    for (const [k, v] of Object.entries(s.snapshot as unknown as JsonObject)) if (!BOOKKEEPING.has(k)) body[k] = structuredClone(v);
    const aws = body['aws'] as unknown as Partial<Snapshot['aws']> | undefined;
    if (aws?.iam !== undefined && Array.isArray(aws.iam.roles)) unjoinAwsIdentity({ iam: aws.iam });
    mergeTree(tree, body, '', s, seen, diagnostics);
  }
  let newest = shards[0]!.snapshot.collectedAt;
  for (const s of shards) {
    const t = Date.parse(s.snapshot.collectedAt);
    if (!Number.isNaN(t) && (Number.isNaN(Date.parse(newest)) || t > Date.parse(newest))) newest = s.snapshot.collectedAt;
  }
  const sources: string[] = [];
  for (const s of shards) for (const src of s.snapshot.sources ?? []) if (!sources.includes(src)) sources.push(src);
  const coverage = shards.flatMap((s) => s.snapshot.coverage ?? []);
  const snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'oobguard', version: VERSION },
    collectedAt: newest,
    sources,
    inputs: concatDistinct(shards.map((s) => s.snapshot.inputs ?? [])),
    diagnostics: [...concatDistinct(shards.map((s) => s.snapshot.diagnostics ?? [])), ...diagnostics],
    ...tree,
    ...(shards.some((s) => s.snapshot.coverage !== undefined) ? { coverage } : {}),
  } as unknown as Snapshot;
  if (Array.isArray(snapshot.aws?.iam?.roles) && snapshot.k8s) joinAwsIdentity(snapshot.aws, snapshot.k8s, snapshot.mattermost?.configs ?? []);
  return { snapshot, diagnostics };
}

/** Read one shard, with a message naming the file for each way it can be wrong. */
export async function readShard(file: string, cwd: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read the snapshot (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`${file}: not valid JSON, so not an oobguard snapshot`);
  }
  if (!isObject(data) || typeof data['schemaVersion'] !== 'number' || !isObject(data['k8s']) || !isObject(data['mattermost']) || !Array.isArray(data['inputs'])) {
    throw new UsageError(`${file}: not an oobguard snapshot (write one with "oobguard collect … -o ${path.basename(file)}")`);
  }
  if (data['schemaVersion'] !== SNAPSHOT_SCHEMA_VERSION) {
    throw new UsageError(`${file}: snapshot schemaVersion ${data['schemaVersion']}, but this oobguard ${VERSION} merges schemaVersion ${SNAPSHOT_SCHEMA_VERSION}; collect every shard with the same oobguard version`);
  }
  return data as unknown as Snapshot;
}

/** Read and merge snapshot files. */
export async function mergeFiles(files: readonly string[], cwd: string): Promise<{ snapshot: Snapshot; diagnostics: Diagnostic[] }> {
  const snapshots: Snapshot[] = [];
  for (const f of files) snapshots.push(await readShard(f, cwd));
  return mergeSnapshots(snapshots, files);
}

/**
 * Evaluate a merged snapshot exactly as `oobguard evaluate` would: it is written to a private
 * temporary file and handed to run(), so the two paths cannot drift apart.
 */
export async function evaluateSnapshot(snapshot: Snapshot, opts: Omit<RunOptions, 'snapshot' | 'paths'>): Promise<{ report: Report; snapshot: Snapshot }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'oobguard-merge-'));
  try {
    const file = path.join(dir, 'merged.json');
    await writeFile(file, JSON.stringify(snapshot), { mode: 0o600 });
    return await run({ ...opts, paths: [], snapshot: file });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
