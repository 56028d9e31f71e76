/**
 * Live CloudTrail → `aws.cloudtrail.trails`: `DescribeTrails` with `includeShadowTrails` (so
 * multi-region and organization trails homed elsewhere are seen from the scan's region) and
 * `GetTrailStatus` per trail (by ARN, as shadow trails need). Fields as in the Terraform adapter;
 * `s3BucketAccountIds` and the key manager are joined in collect.ts with the S3 and KMS results.
 *
 * Failures. `DescribeTrails` failing: a gap on `aws.cloudtrail.trails` (scope ""). One
 * `GetTrailStatus` failing: that trail's `isLogging` unknown.
 */
import { DescribeTrailsCommand, GetTrailStatusCommand, type CloudTrailClient, type Trail } from '@aws-sdk/client-cloudtrail';
import type { CloudTrailTrail } from '../../model/aws-data.ts';
import { setUnknown } from '../../model/provenance.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { call, mapBounded, type CallCounter } from './calls.ts';
import { failedBecause, gap, liveBase, type LiveScope } from './common.ts';

export const CLOUDTRAIL_COLLECTION = 'aws.cloudtrail.trails';

function accountOfArn(arn: string): string {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1] ?? '';
}

function trailOf(t: Trail, scope: LiveScope): CloudTrailTrail {
  const name = t.Name ?? '';
  const region = t.HomeRegion ?? scope.region;
  const arn = t.TrailARN ?? `arn:${scope.partition}:cloudtrail:${region}:${scope.accountId}:trail/${name}`;
  return {
    ...liveBase(scope, 'CloudTrailTrail', name, arn), kind: 'CloudTrailTrail',
    region, accountIds: [accountOfArn(arn) || scope.accountId],
    s3BucketName: t.S3BucketName ?? '', s3KeyPrefix: t.S3KeyPrefix ?? '',
    isMultiRegionTrail: t.IsMultiRegionTrail === true, logFileValidationEnabled: t.LogFileValidationEnabled === true,
    kmsKeyId: t.KmsKeyId ?? '', kmsKeyManager: '',
    includeGlobalServiceEvents: t.IncludeGlobalServiceEvents === true,
    isLogging: false,
    isOrganizationTrail: t.IsOrganizationTrail === true,
    cloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn ?? '',
    s3BucketAccountIds: [],
  };
}

/**
 * `claimed`: trail ARNs another region of the same scan already took (a multi-region trail is seen
 * from every region with `includeShadowTrails`); they are skipped, so no trail's status is asked twice.
 */
export async function collectCloudTrail(ct: CloudTrailClient, scope: LiveScope, counter: CallCounter, concurrency: number, claimed: Set<string> = new Set()): Promise<{ trails: CloudTrailTrail[]; gaps: CoverageGap[] }> {
  const list = await call(counter, () => ct.send(new DescribeTrailsCommand({ includeShadowTrails: true })));
  if (!list.ok) return { trails: [], gaps: [gap(CLOUDTRAIL_COLLECTION, '', 'CloudTrail:DescribeTrails', list.error)] };
  // Claimed synchronously, before any await, so concurrent regions cannot both take a trail.
  const mine = (list.value.trailList ?? []).map((t) => trailOf(t, scope)).filter((o) => !claimed.has(o.resourceId));
  for (const o of mine) claimed.add(o.resourceId);
  const trails = await mapBounded(mine, concurrency, async (o) => {
    const status = await call(counter, () => ct.send(new GetTrailStatusCommand({ Name: o.resourceId })));
    if (status.ok) o.isLogging = status.value.IsLogging === true;
    else setUnknown(o, 'isLogging', failedBecause('CloudTrail:GetTrailStatus', o.name, status.error));
    return o;
  });
  return { trails, gaps: [] };
}
