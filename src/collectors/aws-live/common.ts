/**
 * What every live AWS collector shares: the identity, placement and provenance of its model
 * objects (liveBase), its tags, and how a failed call is told — a coverage gap on a collection, or
 * the reason an `unknown` field carries — always naming the API, the error and the IAM action.
 */
import type { CloudObject } from '../../model/cloud.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { permissionOf, type AwsApi } from './permissions.ts';

export interface LiveScope {
  /** The account scanned (STS GetCallerIdentity). */
  accountId: string;
  /** The scan's default region. */
  region: string;
  /** `aws`, `aws-cn`, `aws-us-gov` (from the caller ARN). */
  partition: string;
}

/** `origin: 'live'`, no Terraform address, `resourceId` = ARN, source `oobguard-live/aws/<account>` with the ARN as ref. */
export function liveBase(scope: LiveScope, kind: string, name: string, arn: string, tags: Record<string, string> = {}): CloudObject {
  return {
    id: `aws/${arn}`, kind, name,
    source: { file: `oobguard-live/aws/${scope.accountId}`, line: 1, ref: arn },
    address: '', resourceId: arn, providerKey: 'aws', origin: 'live', module: '', tags,
  };
}

/** AWS `Tag` lists (`[{ Key, Value }]`, IAM and EC2 alike) as a map. */
export function tagsOf(tags: { Key?: string | undefined; Value?: string | undefined }[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

/**
 * A collection not (fully) read: `scope` is "" (all of it) or the object it hides (`<cluster>`,
 * `<cluster>/<name>`); the API is named with `what` (default: the scope).
 */
export function gap(collection: string, scope: string, api: AwsApi, error: string, what = scope): CoverageGap {
  return { collection, scope, api: what === '' ? api : `${api} ${what}`, error, permission: permissionOf(api) };
}

/** `<API> <what> failed: <error> — needs <action>`: the reason an unknown field carries. */
export function failedBecause(api: AwsApi, what: string, error: string): string {
  return `${what === '' ? api : `${api} ${what}`} failed: ${error} — needs ${permissionOf(api)}`;
}

/**
 * The gaps of collection `from` again on `to`, same scope and cause: `to` is read from `from`'s
 * objects (node groups → their launch templates, access entries → their principals' accounts), so
 * what hides those hides these too.
 */
export function carried(gaps: readonly CoverageGap[], from: string, to: string): CoverageGap[] {
  return gaps.filter((g) => g.collection === from).map((g) => ({ ...g, collection: to }));
}
