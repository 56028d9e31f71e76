/**
 * The live AWS collector's EKS extras (add-ons, node groups, access entries), EC2 (launch
 * templates, VPC peerings, transit-gateway attachments) and Organizations, against the local
 * server speaking EKS REST-JSON, EC2 query/XML and Organizations JSON 1.1: every page read, each
 * call once, failures as gaps or unknown fields naming the permission, and the rules judging the
 * result.
 */
import { describe, expect, it } from 'vitest';
import { renderJson } from '../reporters/json.ts';
import { renderMarkdown } from '../reporters/markdown.ts';
import { renderSarif } from '../reporters/sarif.ts';
import { renderTable } from '../reporters/table.ts';
import type { FakeAwsOptions } from './helpers/aws-api-server.ts';
import { collectFromFake, TEST_ACCOUNT as ACCOUNT } from './helpers/aws-collect.ts';
import { scanFiles } from './helpers/scan.ts';

const PRIMARY = '444455556666';
const CLUSTER_ARN = `arn:aws:eks:eu-central-1:${ACCOUNT}:cluster/mm-oob`;
const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/oob-break-glass`;
const CORP = `arn:aws:iam::${PRIMARY}:role/corp-platform-admins`;
const ADMIN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';
const VIEW = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy';

const CLUSTER = { name: 'mm-oob', arn: CLUSTER_ARN, version: '1.33', status: 'ACTIVE', accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false } };

function eksAccount(extra: Partial<FakeAwsOptions> = {}): Partial<FakeAwsOptions> {
  return {
    clusters: [CLUSTER, { name: 'legacy', arn: `arn:aws:eks:eu-central-1:${ACCOUNT}:cluster/legacy`, version: '1.31', accessConfig: { authenticationMode: 'CONFIG_MAP' } }],
    eksAddons: {
      'mm-oob': [
        { addonName: 'coredns', addonVersion: 'v1.12.2-eksbuild.4', addonArn: `arn:aws:eks:eu-central-1:${ACCOUNT}:addon/mm-oob/coredns/a1b2` },
        { addonName: 'vpc-cni', addonVersion: 'v1.20.4-eksbuild.2', addonArn: `arn:aws:eks:eu-central-1:${ACCOUNT}:addon/mm-oob/vpc-cni/c3d4`, configurationValues: '{"enableNetworkPolicy":"true"}', serviceAccountRoleArn: `arn:aws:iam::${ACCOUNT}:role/mm-oob-vpc-cni` },
      ],
      legacy: [{ addonName: 'vpc-cni', addonVersion: 'v1.18.0-eksbuild.1' }],
    },
    nodegroups: {
      'mm-oob': [
        { nodegroupName: 'system', nodegroupArn: `arn:aws:eks:eu-central-1:${ACCOUNT}:nodegroup/mm-oob/system/e5f6`, amiType: 'BOTTLEROCKET_x86_64', version: '1.33', nodeRole: `arn:aws:iam::${ACCOUNT}:role/mm-oob-nodes`, launchTemplate: { id: 'lt-0a1b2c3d4e5f60718', name: 'mm-oob-nodes', version: '4' } },
        { nodegroupName: 'apps', amiType: 'AL2023_x86_64_STANDARD', nodeRole: `arn:aws:iam::${ACCOUNT}:role/mm-oob-nodes`, launchTemplate: { name: 'mm-oob-apps', version: '$Default' } },
      ],
      legacy: [{ nodegroupName: 'old', amiType: 'AL2_x86_64', nodeRole: `arn:aws:iam::${ACCOUNT}:role/legacy-nodes`, remoteAccess: { ec2SshKey: 'ops-key' } }],
    },
    accessEntries: {
      'mm-oob': [
        { principalArn: BREAK_GLASS, accessEntryArn: `arn:aws:eks:eu-central-1:${ACCOUNT}:access-entry/mm-oob/role/${ACCOUNT}/oob-break-glass/1a2b`, type: 'STANDARD', kubernetesGroups: [], policies: [{ policyArn: ADMIN, accessScope: { type: 'cluster' } }, { policyArn: VIEW, accessScope: { type: 'namespace', namespaces: ['mattermost'] } }] },
        { principalArn: CORP, type: 'STANDARD', kubernetesGroups: ['platform'], policies: [] },
      ],
    },
    launchTemplateVersions: [
      { LaunchTemplateId: 'lt-0a1b2c3d4e5f60718', LaunchTemplateName: 'mm-oob-nodes', VersionNumber: 3, LaunchTemplateData: { MetadataOptions: { HttpTokens: 'optional' } } },
      { LaunchTemplateId: 'lt-0a1b2c3d4e5f60718', LaunchTemplateName: 'mm-oob-nodes', VersionNumber: 4, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-0abcdef1234567890', MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled' } } },
      { LaunchTemplateId: 'lt-0f9e8d7c6b5a40312', LaunchTemplateName: 'mm-oob-apps', VersionNumber: 7, DefaultVersion: true, LaunchTemplateData: { MetadataOptions: { HttpPutResponseHopLimit: 2 } } },
    ],
    ...extra,
  };
}

const api = (requests: { api: string; attempt: number }[]): string[] => requests.filter((r) => r.attempt === 1).map((r) => r.api);

describe('collectAws: EKS add-ons, node groups and access entries', () => {
  it('reads every page of every list into the Terraform model, each call once', async () => {
    const { result, server } = await collectFromFake(eksAccount());
    expect(result.coverage.gaps).toEqual([]);
    const { eks, ec2, accountReferences } = result.aws;
    const mm = eks.clusters.find((c) => c.name === 'mm-oob')!;
    const legacy = eks.clusters.find((c) => c.name === 'legacy')!;
    expect(mm.networkPolicyEnforcers).toEqual(['vpc-cni']);
    expect(legacy.networkPolicyEnforcers).toEqual([]);
    expect(mm.unknown?.['networkPolicyEnforcers']).toBeUndefined();
    expect(mm.addons).toEqual([`aws/arn:aws:eks:eu-central-1:${ACCOUNT}:addon/mm-oob/coredns/a1b2`, `aws/arn:aws:eks:eu-central-1:${ACCOUNT}:addon/mm-oob/vpc-cni/c3d4`]);
    expect(eks.addons.find((a) => a.addonName === 'vpc-cni' && a.clusterName === 'mm-oob')).toMatchObject({
      origin: 'live', address: '', cluster: `aws/${CLUSTER_ARN}`, configurationValues: { enableNetworkPolicy: 'true' },
      serviceAccountRoleArn: `arn:aws:iam::${ACCOUNT}:role/mm-oob-vpc-cni`, source: { file: `oobguard-live/aws/${ACCOUNT}`, line: 1 },
    });
    expect(eks.nodeGroups.map((n) => [n.clusterName, n.nodegroupName, n.amiType, n.nodeRole, n.remoteAccess])).toEqual([
      ['legacy', 'old', 'AL2_x86_64', `arn:aws:iam::${ACCOUNT}:role/legacy-nodes`, { ec2SshKey: 'ops-key', sourceSecurityGroups: [] }],
      ['mm-oob', 'apps', 'AL2023_x86_64_STANDARD', `arn:aws:iam::${ACCOUNT}:role/mm-oob-nodes`, null],
      ['mm-oob', 'system', 'BOTTLEROCKET_x86_64', `arn:aws:iam::${ACCOUNT}:role/mm-oob-nodes`, null],
    ]);
    // Launch templates: the versions the node groups use (by id and version, by name and $Default), linked both ways.
    expect(ec2.launchTemplates.map((t) => [t.name, t.metadataOptions.httpTokens, t.metadataOptions.httpPutResponseHopLimit, t.nodeGroups])).toEqual([
      ['mm-oob-apps (version 7)', '', 2, [eks.nodeGroups.find((n) => n.nodegroupName === 'apps')!.id]],
      ['mm-oob-nodes (version 4)', 'required', 1, [`aws/arn:aws:eks:eu-central-1:${ACCOUNT}:nodegroup/mm-oob/system/e5f6`]],
    ]);
    expect(eks.nodeGroups.find((n) => n.nodegroupName === 'apps')!.launchTemplate).toEqual({ id: 'lt-0f9e8d7c6b5a40312', name: 'mm-oob-apps', version: '$Default', template: ec2.launchTemplates[0]!.id });
    expect(eks.accessEntries.map((e) => [e.principalArn, e.principalName, e.kubernetesGroups, e.resourceId])).toEqual([
      [BREAK_GLASS, 'oob-break-glass', [], `arn:aws:eks:eu-central-1:${ACCOUNT}:access-entry/mm-oob/role/${ACCOUNT}/oob-break-glass/1a2b`],
      // DescribeAccessEntry answered no accessEntryArn: the cluster ARN and the principal identify it.
      [CORP, 'corp-platform-admins', ['platform'], `${CLUSTER_ARN}#access-entry/${CORP}`],
    ]);
    expect(eks.accessPolicyAssociations.map((a) => [a.principalName, a.policyArn, a.accessScope])).toEqual([
      ['oob-break-glass', ADMIN, { type: 'cluster', namespaces: [] }],
      ['oob-break-glass', VIEW, { type: 'namespace', namespaces: ['mattermost'] }],
    ]);
    expect(accountReferences.map((r) => [r.arn, r.accountId, r.attribute])).toEqual([[BREAK_GLASS, ACCOUNT, 'principalArn'], [CORP, PRIMARY, 'principalArn']]);
    // Each list page once (one item per page), each describe once; no access entries asked of the CONFIG_MAP cluster.
    const seen = api(server.requests);
    expect(seen.filter((a) => a === 'EKS:ListAddons')).toHaveLength(3);
    expect(seen.filter((a) => a === 'EKS:ListNodegroups')).toHaveLength(3);
    expect(seen.filter((a) => a === 'EKS:ListAccessEntries')).toHaveLength(2);
    expect(seen.filter((a) => a === 'EKS:DescribeAccessEntry')).toHaveLength(2);
    expect(seen.filter((a) => a === 'EKS:ListAssociatedAccessPolicies')).toHaveLength(3);
    expect(seen.filter((a) => a === 'EC2:DescribeLaunchTemplateVersions')).toHaveLength(2);
    expect(server.requests.filter((r) => r.key.includes('/clusters/legacy/access-entries'))).toEqual([]);
    const describes = server.requests.filter((r) => /Describe/.test(r.api)).map((r) => r.key);
    expect(new Set(describes).size).toBe(describes.length);
  });

  it('a denied list is a gap scoped to the cluster; a denied vpc-cni describe leaves the enforcers unknown', async () => {
    const { result } = await collectFromFake(eksAccount({
      forbid: ['eks GET /clusters/mm-oob/access-entries', 'eks GET /clusters/mm-oob/addons/vpc-cni', 'eks GET /clusters/legacy/node-groups'],
    }));
    // The principals' accounts are not known without the access entries; the launch templates not without the node groups.
    expect(result.coverage.gaps).toEqual([
      { collection: 'aws.accountReferences', scope: 'mm-oob', api: 'EKS:ListAccessEntries mm-oob', error: 'AccessDeniedException (HTTP 403)', permission: 'eks:ListAccessEntries' },
      { collection: 'aws.eks.accessEntries', scope: 'mm-oob', api: 'EKS:ListAccessEntries mm-oob', error: 'AccessDeniedException (HTTP 403)', permission: 'eks:ListAccessEntries' },
      { collection: 'aws.eks.accessPolicyAssociations', scope: 'mm-oob', api: 'EKS:ListAccessEntries mm-oob', error: 'AccessDeniedException (HTTP 403)', permission: 'eks:ListAccessEntries' },
      { collection: 'aws.eks.addons', scope: 'mm-oob/vpc-cni', api: 'EKS:DescribeAddon mm-oob/vpc-cni', error: 'AccessDeniedException (HTTP 403)', permission: 'eks:DescribeAddon' },
      { collection: 'aws.eks.nodeGroups', scope: 'legacy', api: 'EKS:ListNodegroups legacy', error: 'AccessDeniedException (HTTP 403)', permission: 'eks:ListNodegroups' },
      { collection: 'aws.ec2.launchTemplates', scope: 'legacy', api: 'EKS:ListNodegroups legacy', error: 'AccessDeniedException (HTTP 403)', permission: 'eks:ListNodegroups' },
    ]);
    const mm = result.aws.eks.clusters.find((c) => c.name === 'mm-oob')!;
    expect(mm.networkPolicyEnforcers).toEqual([]);
    expect(mm.unknown?.['networkPolicyEnforcers']).toBe('EKS:DescribeAddon mm-oob/vpc-cni failed: AccessDeniedException (HTTP 403) — needs eks:DescribeAddon');
    // The other cluster and the other lists are read.
    expect(result.aws.eks.nodeGroups.map((n) => n.nodegroupName)).toEqual(['apps', 'system']);
    const { report } = await scanFiles({}, { liveResults: [result] });
    const np = report.findings.filter((f) => f.ruleId === 'ZT-NET-003.eks');
    expect(np.map((f) => [f.objectName, f.status])).toEqual([['legacy', 'fail'], ['mm-oob', 'unknown']]);
    expect(np.find((f) => f.status === 'unknown')!.reasons).toEqual(['EKS:DescribeAddon mm-oob/vpc-cni failed: AccessDeniedException (HTTP 403) — needs eks:DescribeAddon']);
    expect(report.findings.filter((f) => f.ruleId === 'ZT-IAM-006.node-group' && f.status === 'unknown').map((f) => f.reasons)).toEqual([
      ['EKS:ListNodegroups legacy failed: AccessDeniedException (HTTP 403) — needs eks:ListNodegroups'],
    ]);
  });

  it('retries throttling and 5xx inside one call; unreadable configuration values leave the enforcers unknown', async () => {
    const { result, server } = await collectFromFake(eksAccount({
      eksAddons: { 'mm-oob': [{ addonName: 'vpc-cni', configurationValues: '[enableNetworkPolicy' }] },
      script: {
        'eks GET /clusters/mm-oob/node-groups': [{ status: 429, code: 'TooManyRequestsException', headers: { 'retry-after': '0' } }, { status: 503, code: 'ServiceUnavailableException' }],
      },
    }));
    expect(result.coverage.gaps).toEqual([]);
    expect(result.coverage.failedCalls).toBe(0);
    expect(server.requests.filter((r) => r.key === 'eks GET /clusters/mm-oob/node-groups').map((r) => r.attempt)).toEqual([1, 2, 3, 1]);
    expect(result.aws.eks.nodeGroups.filter((n) => n.clusterName === 'mm-oob')).toHaveLength(2);
    const mm = result.aws.eks.clusters.find((c) => c.name === 'mm-oob')!;
    expect(mm.unknown?.['networkPolicyEnforcers']).toBe('EKS add-on mm-oob/vpc-cni: configurationValues is neither a JSON nor a YAML object');
  });
});

describe('collectAws: add-on configuration values keep only what rules read', () => {
  const CANARY = 'canary-dd-api-key-7f3e9a1c5b20d4e6';

  it('a marketplace add-on\'s API key is nowhere in the result, the snapshot or any report; vpc-cni\'s network policy is still judged', async () => {
    const { result } = await collectFromFake(eksAccount({
      eksAddons: {
        'mm-oob': [
          { addonName: 'datadog_operator', addonVersion: 'v1.8.0-eksbuild.1', configurationValues: JSON.stringify({ apiKey: CANARY, site: 'datadoghq.eu' }) },
          // YAML, with a secret beside the setting the rule reads.
          { addonName: 'vpc-cni', addonVersion: 'v1.20.4-eksbuild.2', configurationValues: `enableNetworkPolicy: "true"\nenv:\n  WARM_IP_TARGET: "5"\n  PROXY_TOKEN: ${CANARY}\n` },
        ],
      },
    }));
    expect(result.coverage.gaps).toEqual([]);
    const addon = (name: string) => result.aws.eks.addons.find((a) => a.clusterName === 'mm-oob' && a.addonName === name)!;
    expect(addon('vpc-cni').configurationValues).toEqual({ enableNetworkPolicy: 'true' });
    expect(addon('datadog_operator').configurationValues).toEqual({});
    expect(JSON.stringify(result)).not.toContain(CANARY);
    const { report, snapshot } = await scanFiles({}, { liveResults: [result] });
    expect(report.findings.find((f) => f.ruleId === 'ZT-NET-003.eks' && f.objectName === 'mm-oob')?.status).toBe('pass');
    const outputs = {
      snapshot: JSON.stringify(snapshot, null, 2), json: renderJson(report), sarif: renderSarif(report, { srcRoot: '/tmp' }),
      markdown: renderMarkdown(report, { showPassed: true }), table: renderTable(report, { showPassed: true, color: false }),
    };
    for (const [format, text] of Object.entries(outputs)) expect(text, format).not.toContain(CANARY);
    expect(outputs.snapshot).toContain('datadog_operator');
  });
});

describe('collectAws: what a failed EKS read hides is unknown, never a pass', () => {
  const config = { environment: { primary: { awsAccountIds: [PRIMARY] } } };
  const judged = async (forbid: string[]) => {
    const { result } = await collectFromFake(eksAccount({ forbid }));
    const { report } = await scanFiles({}, { liveResults: [result], configData: config, failOn: 'critical' });
    const statuses = (ruleId: string) => report.findings.filter((f) => f.ruleId === ruleId).map((f) => [f.status, f.objectName, f.reasons ?? []]);
    return { result, report, statuses };
  };

  it('EKS:ListClusters denied: account references, node groups and launch templates are unknown naming eks:ListClusters; the verdict is incomplete', async () => {
    const { result, report, statuses } = await judged(['eks GET /clusters']);
    expect(result.aws.eks.clusters).toEqual([]);
    const reason = ['EKS:ListClusters failed: AccessDeniedException (HTTP 403) — needs eks:ListClusters'];
    expect(statuses('OOB-ISO-001.arns')).toEqual([['unknown', 'aws.accountReferences', reason]]);
    expect(statuses('ZT-IAM-006.node-group')).toEqual([['unknown', 'aws.eks.nodeGroups', reason]]);
    expect(statuses('ZT-IAM-006.launch-template')).toEqual([['unknown', 'aws.ec2.launchTemplates', reason]]);
    // OOB-ISO-001.arns is critical: nothing to judge is not a pass.
    expect(report.summary.verdict).toBe('incomplete');
    expect(report.exitCode).toBe(2);
  });

  it('EKS:ListAccessEntries denied: the principals\' accounts are unknown for that cluster, the verdict incomplete', async () => {
    const { result, report, statuses } = await judged(['eks GET /clusters/mm-oob/access-entries']);
    expect(result.aws.accountReferences).toEqual([]);
    expect(statuses('OOB-ISO-001.arns')).toEqual([
      ['unknown', 'aws.accountReferences', ['EKS:ListAccessEntries mm-oob failed: AccessDeniedException (HTTP 403) — needs eks:ListAccessEntries']],
    ]);
    expect(report.summary.verdict).toBe('incomplete');
    expect(report.exitCode).toBe(2);
  });

  it('EKS:DescribeAccessEntry denied: the principal\'s account is still judged from the listed ARN', async () => {
    const { result, report, statuses } = await judged([`eks GET /clusters/mm-oob/access-entries/${encodeURIComponent(CORP)}`]);
    expect(result.coverage.gaps.map((g) => [g.collection, g.scope, g.api])).toEqual([
      ['aws.eks.accessEntries', 'mm-oob/corp-platform-admins', 'EKS:DescribeAccessEntry mm-oob/corp-platform-admins'],
    ]);
    expect(result.aws.eks.accessEntries.map((e) => e.principalName)).toEqual(['oob-break-glass']);
    expect(statuses('OOB-ISO-001.arns').filter(([status]) => status !== 'pass').map(([status, , ]) => status)).toEqual(['fail']);
    expect(report.findings.find((f) => f.ruleId === 'OOB-ISO-001.arns' && f.status === 'fail')?.message).toContain(`names ${CORP}, in primary account ${PRIMARY}`);
    expect(report.exitCode).toBe(1);
  });
});

describe('collectAws: EC2 launch templates, VPC peerings and transit-gateway attachments', () => {
  const network: Partial<FakeAwsOptions> = {
    vpcPeerings: [
      { VpcPeeringConnectionId: 'pcx-0aaaaaaaaaaaaaaaa', Status: { Code: 'active' }, RequesterVpcInfo: { OwnerId: ACCOUNT, VpcId: 'vpc-0a', Region: 'eu-central-1' }, AccepterVpcInfo: { OwnerId: PRIMARY, VpcId: 'vpc-0c', Region: 'eu-west-1' }, Tags: [{ Key: 'Name', Value: 'to-corp' }] },
      { VpcPeeringConnectionId: 'pcx-0bbbbbbbbbbbbbbbb', Status: { Code: 'deleted' }, RequesterVpcInfo: { OwnerId: PRIMARY, VpcId: 'vpc-0d' }, AccepterVpcInfo: { OwnerId: ACCOUNT, VpcId: 'vpc-0a' } },
      { VpcPeeringConnectionId: 'pcx-0cccccccccccccccc', Status: { Code: 'pending-acceptance' }, RequesterVpcInfo: { OwnerId: '999988887777', VpcId: 'vpc-0e', Region: 'eu-central-1' }, AccepterVpcInfo: { OwnerId: ACCOUNT, VpcId: 'vpc-0a', Region: 'eu-central-1' } },
    ],
    transitGatewayAttachments: [
      { TransitGatewayAttachmentId: 'tgw-attach-01', TransitGatewayId: 'tgw-0corp', TransitGatewayOwnerId: PRIMARY, ResourceType: 'vpc', ResourceId: 'vpc-0a', ResourceOwnerId: ACCOUNT, State: 'available' },
      { TransitGatewayAttachmentId: 'tgw-attach-02', TransitGatewayId: 'tgw-0oob', TransitGatewayOwnerId: ACCOUNT, ResourceType: 'vpn', ResourceId: 'vpn-0a', ResourceOwnerId: ACCOUNT, State: 'available' },
      { TransitGatewayAttachmentId: 'tgw-attach-03', TransitGatewayId: 'tgw-0oob', TransitGatewayOwnerId: ACCOUNT, ResourceType: 'peering', ResourceId: 'tgw-0peer', ResourceOwnerId: '999988887777', State: 'pendingAcceptance' },
      { TransitGatewayAttachmentId: 'tgw-attach-04', TransitGatewayId: 'tgw-0oob', TransitGatewayOwnerId: ACCOUNT, ResourceType: 'vpc', ResourceId: 'vpc-0f', ResourceOwnerId: PRIMARY, State: 'deleted' },
    ],
  };

  it('reads every page in EC2 XML; connections without traffic are left out; rules judge them', async () => {
    const { result, server } = await collectFromFake(network);
    expect(result.coverage.gaps).toEqual([]);
    expect(result.aws.ec2.vpcPeerings.map((p) => [p.name, p.side, p.vpcId, p.peerVpcId, p.peerOwnerId, p.sameAccount, p.peerRegion, p.tags])).toEqual([
      ['pcx-0aaaaaaaaaaaaaaaa', 'requester', 'vpc-0a', 'vpc-0c', PRIMARY, false, 'eu-west-1', { Name: 'to-corp' }],
      ['pcx-0cccccccccccccccc', 'accepter', 'vpc-0a', 'vpc-0e', '999988887777', false, 'eu-central-1', {}],
    ]);
    expect(result.aws.ec2.transitGatewayAttachments.map((a) => [a.name, a.resourceType, a.transitGatewayOwnerId, a.vpcId, a.vpcOwnerId, a.peerAccountId])).toEqual([
      ['tgw-attach-01', 'vpc', PRIMARY, 'vpc-0a', ACCOUNT, ''],
      ['tgw-attach-03', 'peering', ACCOUNT, '', '', '999988887777'],
    ]);
    expect(api(server.requests).filter((a) => a.startsWith('EC2:'))).toEqual([
      'EC2:DescribeVpcPeeringConnections', 'EC2:DescribeTransitGatewayAttachments', 'EC2:DescribeVpcPeeringConnections',
      'EC2:DescribeTransitGatewayAttachments', 'EC2:DescribeVpcPeeringConnections', 'EC2:DescribeTransitGatewayAttachments', 'EC2:DescribeTransitGatewayAttachments',
    ]);
    const { report } = await scanFiles({}, { liveResults: [result], configData: { environment: { primary: { awsAccountIds: [PRIMARY] } } } });
    const iso = report.findings.filter((f) => f.ruleId.startsWith('OOB-ISO-003') && f.status !== 'pass');
    expect(iso.map((f) => [f.ruleId, f.status, f.message])).toEqual([
      ['OOB-ISO-003.transit-gateway', 'fail', `Attachment tgw-attach-01 attaches VPC vpc-0a to transit gateway tgw-0corp, owned by primary account ${PRIMARY}`],
      ['OOB-ISO-003.vpc-peering', 'fail', `VPC peering pcx-0aaaaaaaaaaaaaaaa (requester) connects VPC vpc-0a with VPC vpc-0c of primary account ${PRIMARY}`],
    ]);
    expect(iso[1]!.source).toEqual({ file: `oobguard-live/aws/${ACCOUNT}`, line: 1, ref: `arn:aws:ec2:eu-central-1:${ACCOUNT}:vpc-peering-connection/pcx-0aaaaaaaaaaaaaaaa` });
  });

  it('UnauthorizedOperation is a gap naming the ec2 action; RequestLimitExceeded is retried; one template failing is scoped to it', async () => {
    const { result, server } = await collectFromFake({
      ...eksAccount(), ...network,
      forbid: ['ec2 DescribeVpcPeeringConnections', 'ec2 DescribeLaunchTemplateVersions mm-oob-apps'],
      script: { 'ec2 DescribeTransitGatewayAttachments': [{ status: 503, code: 'RequestLimitExceeded' }] },
    });
    expect(result.coverage.gaps).toEqual([
      { collection: 'aws.ec2.launchTemplates', scope: 'mm-oob-apps', api: 'EC2:DescribeLaunchTemplateVersions mm-oob-apps', error: 'UnauthorizedOperation (HTTP 403)', permission: 'ec2:DescribeLaunchTemplateVersions' },
      { collection: 'aws.ec2.vpcPeerings', scope: '', api: 'EC2:DescribeVpcPeeringConnections', error: 'UnauthorizedOperation (HTTP 403)', permission: 'ec2:DescribeVpcPeeringConnections' },
    ]);
    expect(server.requests.filter((r) => r.key === 'ec2 DescribeTransitGatewayAttachments').map((r) => r.attempt).slice(0, 2)).toEqual([1, 2]);
    expect(result.aws.ec2.transitGatewayAttachments).toHaveLength(2);
    expect(result.aws.ec2.launchTemplates.map((t) => t.launchTemplateName)).toEqual(['mm-oob-nodes']);
    const { report } = await scanFiles({}, { liveResults: [result], configData: { environment: { primary: { awsAccountIds: [PRIMARY] } } } });
    expect(report.findings.filter((f) => f.ruleId === 'ZT-IAM-006.launch-template').map((f) => [f.status, f.objectName])).toEqual([
      ['pass', 'mm-oob-nodes (version 4)'], ['unknown', 'aws.ec2.launchTemplates'],
    ]);
    expect(report.findings.filter((f) => f.ruleId === 'OOB-ISO-003.vpc-peering').map((f) => [f.status, f.reasons])).toEqual([
      ['unknown', ['EC2:DescribeVpcPeeringConnections failed: UnauthorizedOperation (HTTP 403) — needs ec2:DescribeVpcPeeringConnections']],
    ]);
  });
});

describe('collectAws: Organizations', () => {
  const config = { environment: { primary: { awsAccountIds: [PRIMARY] } } };
  const verdict = async (fake: Partial<FakeAwsOptions>) => {
    const { result } = await collectFromFake(fake);
    const { report } = await scanFiles({}, { liveResults: [result], configData: config });
    return { result, finding: report.findings.find((f) => f.ruleId === 'OOB-ISO-001.organization')! };
  };

  it('not in an organization is an answer, not a failure', async () => {
    const { result, finding } = await verdict({});
    expect(result.aws.providers[0]!.organization).toBeNull();
    expect(result.coverage).toMatchObject({ failedCalls: 0, gaps: [] });
    expect(finding.status).toBe('pass');
  });

  it('an organization managed from a primary account fails, naming it', async () => {
    const { result, finding } = await verdict({ organization: { Id: 'o-x9y8z7w6v5', Arn: `arn:aws:organizations::${PRIMARY}:organization/o-x9y8z7w6v5`, FeatureSet: 'ALL', MasterAccountId: PRIMARY } });
    expect(result.aws.providers[0]!.organization).toEqual({ id: 'o-x9y8z7w6v5', arn: `arn:aws:organizations::${PRIMARY}:organization/o-x9y8z7w6v5`, managementAccountId: PRIMARY, featureSet: 'ALL' });
    expect(finding).toMatchObject({ status: 'fail', source: { ref: `arn:aws:sts::${ACCOUNT}:assumed-role/oobguard-audit/scan` } });
    expect(finding.message).toBe(`AWS account ${ACCOUNT} is a member of organization o-x9y8z7w6v5, whose management account ${PRIMARY} is a primary account: its SCPs and OrganizationAccountAccessRole reach into the OOB`);
  });

  it('AccessDenied leaves the organization unknown (5xx retried first)', async () => {
    const { result, finding } = await verdict({ script: { 'organizations DescribeOrganization': [{ status: 500, code: 'ServiceException' }, { status: 403, code: 'AccessDeniedException' }] } });
    expect(result.coverage).toMatchObject({ failedCalls: 1, gaps: [] });
    expect(finding.status).toBe('unknown');
    expect(finding.reasons).toEqual(['Organizations:DescribeOrganization failed: AccessDeniedException (HTTP 403) — needs organizations:DescribeOrganization']);
  });
});
