/** What every live AWS model object shares: identity, placement and provenance of the scan. */
import type { CloudObject } from '../../model/cloud.ts';

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
