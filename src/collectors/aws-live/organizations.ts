/**
 * Live AWS Organizations: `DescribeOrganization` → the scanned account's `organization` on its
 * `aws.providers` entry (OOB-ISO-001: an organization managed from a primary account reaches into
 * the OOB through `OrganizationAccountAccessRole` and its SCPs). Any member account may ask.
 *
 * `AWSOrganizationsNotInUseException` is an answer (the account is in no organization: null). Any
 * other failure leaves `organization` unknown on the provider, naming the permission.
 */
import { DescribeOrganizationCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import type { AwsOrganization } from '../../model/aws.ts';
import { callOrAbsent, type CallCounter } from './calls.ts';
import { failedBecause } from './common.ts';

/** Organizations is global; its endpoint lives in the partition's home region. */
export function organizationsRegion(partition: string): string {
  return partition === 'aws-us-gov' ? 'us-gov-west-1' : partition === 'aws-cn' ? 'cn-northwest-1' : 'us-east-1';
}

export async function collectOrganization(org: OrganizationsClient, counter: CallCounter): Promise<{ organization: AwsOrganization | null; why: string | null }> {
  const r = await callOrAbsent(counter, ['AWSOrganizationsNotInUseException'], () => org.send(new DescribeOrganizationCommand({})));
  if (!r.ok) return { organization: null, why: failedBecause('Organizations:DescribeOrganization', '', r.error) };
  const o = r.value?.Organization;
  if (!o) return { organization: null, why: null };
  return {
    organization: { id: o.Id ?? '', arn: o.Arn ?? '', managementAccountId: o.MasterAccountId ?? '', featureSet: o.FeatureSet ?? '' },
    why: null,
  };
}
