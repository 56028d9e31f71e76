/**
 * Live EC2, only what the rules judge (fields as in src/model/aws-identity.ts), in one region:
 *
 * - `DescribeLaunchTemplateVersions` for the launch templates (and versions) the EKS node groups
 *   launch from → `aws.ec2.launchTemplates` (IMDS options, ZT-IAM-006); one call per template,
 *   paged by `NextToken`, linked both ways with the node groups.
 * - `DescribeVpcPeeringConnections` → `aws.ec2.vpcPeerings` and `DescribeTransitGatewayAttachments`
 *   → `aws.ec2.transitGatewayAttachments` (OOB-ISO-003), paged by `NextToken`. Connections that
 *   carry no traffic (deleted, rejected, failed, expired) are left out.
 *
 * Failures. A template failing: a gap on `aws.ec2.launchTemplates` scoped to the template, so the
 * rule on templates is unknown there. Node groups not read (their gaps on `aws.eks.nodeGroups`,
 * eks-extras.ts): the templates they launch from are not known either, the same gaps on
 * `aws.ec2.launchTemplates`. A listing failing: a gap on its collection (scope "").
 */
import {
  DescribeLaunchTemplateVersionsCommand, DescribeTransitGatewayAttachmentsCommand, DescribeVpcPeeringConnectionsCommand,
  type EC2Client, type LaunchTemplateVersion, type TransitGatewayAttachment, type VpcPeeringConnection,
} from '@aws-sdk/client-ec2';
import type { Ec2LaunchTemplate, Ec2TransitGatewayAttachment, Ec2VpcPeering, EksNodeGroup } from '../../model/aws-identity.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { mapBounded, paged, type CallCounter } from './calls.ts';
import { carried, gap, liveBase, tagsOf, type LiveScope } from './common.ts';

export const EC2_COLLECTIONS = ['aws.ec2.launchTemplates', 'aws.ec2.vpcPeerings', 'aws.ec2.transitGatewayAttachments'] as const;
const [TEMPLATES, PEERINGS, TGW] = EC2_COLLECTIONS;

/** Page size asked for (EC2 allows 5–1000; the service may answer fewer). */
const PAGE = 1000;
const DEAD_PEERING = new Set(['deleted', 'deleting', 'rejected', 'failed', 'expired']);
const DEAD_ATTACHMENT = new Set(['deleted', 'deleting', 'failed', 'failing', 'rejected', 'rejecting']);

function templateOf(v: LaunchTemplateVersion, scope: LiveScope): Ec2LaunchTemplate {
  const id = v.LaunchTemplateId ?? '';
  const name = v.LaunchTemplateName ?? id;
  const version = String(v.VersionNumber ?? '');
  const md = v.LaunchTemplateData?.MetadataOptions;
  const arn = `arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:launch-template/${id}`;
  return {
    ...liveBase(scope, 'Ec2LaunchTemplate', `${name} (version ${version})`, arn), id: `aws/${arn}#${version}`, kind: 'Ec2LaunchTemplate',
    region: scope.region, accountIds: [scope.accountId],
    launchTemplateName: name, imageId: v.LaunchTemplateData?.ImageId ?? '',
    metadataOptions: {
      httpEndpoint: md?.HttpEndpoint ?? 'enabled',
      // Not set: "" as in Terraform (EC2 then requires IMDSv2 only for AMIs that ask for it).
      httpTokens: md?.HttpTokens ?? '',
      httpPutResponseHopLimit: md?.HttpPutResponseHopLimit ?? 1,
      instanceMetadataTags: md?.InstanceMetadataTags ?? 'disabled',
    },
    nodeGroups: [],
  };
}

/**
 * The versions of the node groups' launch templates, one `DescribeLaunchTemplateVersions` per
 * template; `nodeGroupGaps` (eks-extras.ts): the node groups not read.
 */
export async function collectLaunchTemplates(
  ec2: EC2Client, scope: LiveScope, counter: CallCounter, concurrency: number, nodeGroups: readonly EksNodeGroup[], nodeGroupGaps: readonly CoverageGap[],
): Promise<{ launchTemplates: Ec2LaunchTemplate[]; gaps: CoverageGap[] }> {
  // Template (id, else name) → versions asked for by node groups.
  const wanted = new Map<string, { byId: boolean; versions: Set<string> }>();
  for (const n of nodeGroups) {
    const lt = n.launchTemplate;
    if (!lt || (lt.id === '' && lt.name === '')) continue;
    const key = lt.id || lt.name;
    const w = wanted.get(key) ?? { byId: lt.id !== '', versions: new Set<string>() };
    w.versions.add(lt.version || '$Default');
    wanted.set(key, w);
  }
  const gaps: CoverageGap[] = carried(nodeGroupGaps, 'aws.eks.nodeGroups', TEMPLATES);
  const found = await mapBounded([...wanted], concurrency, async ([key, w]) => {
    const r = await paged(counter, async (NextToken) => {
      const p = await ec2.send(new DescribeLaunchTemplateVersionsCommand({
        ...(w.byId ? { LaunchTemplateId: key } : { LaunchTemplateName: key }), Versions: [...w.versions], ...(NextToken === undefined ? {} : { NextToken }),
      }));
      return { items: p.LaunchTemplateVersions ?? [], next: p.NextToken };
    });
    if (!r.ok) { gaps.push(gap(TEMPLATES, key, 'EC2:DescribeLaunchTemplateVersions', r.error)); return []; }
    return r.value.map((v) => ({ v, o: templateOf(v, scope) }));
  });
  const launchTemplates: Ec2LaunchTemplate[] = [];
  for (const versions of found) {
    const latest = Math.max(...versions.map(({ v }) => v.VersionNumber ?? 0));
    for (const { v, o } of versions) {
      launchTemplates.push(o);
      for (const n of nodeGroups) {
        const lt = n.launchTemplate;
        if (!lt || !((lt.id !== '' && lt.id === v.LaunchTemplateId) || (lt.id === '' && lt.name === v.LaunchTemplateName))) continue;
        const version = lt.version || '$Default';
        const hit = version === String(v.VersionNumber) || (version === '$Default' && v.DefaultVersion === true) || (version === '$Latest' && v.VersionNumber === latest);
        if (!hit) continue;
        lt.template = o.id;
        lt.id ||= v.LaunchTemplateId ?? '';
        lt.name ||= v.LaunchTemplateName ?? '';
        o.nodeGroups.push(n.id);
      }
    }
  }
  return { launchTemplates, gaps };
}

function peeringOf(p: VpcPeeringConnection, scope: LiveScope): Ec2VpcPeering {
  const req = p.RequesterVpcInfo ?? {};
  const acc = p.AccepterVpcInfo ?? {};
  const requester = req.OwnerId === scope.accountId && (req.Region ?? scope.region) === scope.region;
  const [own, other] = requester ? [req, acc] : [acc, req];
  const id = p.VpcPeeringConnectionId ?? '';
  return {
    ...liveBase(scope, 'Ec2VpcPeering', id, `arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:vpc-peering-connection/${id}`, tagsOf(p.Tags)),
    kind: 'Ec2VpcPeering', region: scope.region, accountIds: [scope.accountId],
    side: requester ? 'requester' : 'accepter', vpcId: own.VpcId ?? '', peerVpcId: other.VpcId ?? '',
    peerOwnerId: other.OwnerId ?? '', sameAccount: req.OwnerId !== undefined && req.OwnerId === acc.OwnerId, peerRegion: other.Region ?? scope.region,
  };
}

function attachmentOf(a: TransitGatewayAttachment, scope: LiveScope): Ec2TransitGatewayAttachment {
  const id = a.TransitGatewayAttachmentId ?? '';
  const peering = a.ResourceType === 'peering' || a.ResourceType === 'tgw-peering';
  return {
    ...liveBase(scope, 'Ec2TransitGatewayAttachment', id, `arn:${scope.partition}:ec2:${scope.region}:${a.TransitGatewayOwnerId ?? scope.accountId}:transit-gateway-attachment/${id}`, tagsOf(a.Tags)),
    kind: 'Ec2TransitGatewayAttachment', region: scope.region, accountIds: [scope.accountId],
    resourceType: peering ? 'peering' : 'vpc', transitGatewayId: a.TransitGatewayId ?? '', transitGatewayOwnerId: a.TransitGatewayOwnerId ?? '',
    peerAccountId: peering ? a.ResourceOwnerId ?? '' : '', vpcId: peering ? '' : a.ResourceId ?? '', vpcOwnerId: peering ? '' : a.ResourceOwnerId ?? '',
  };
}

/** VPC peerings and transit-gateway attachments (VPC and peering attachments; VPN, Direct Connect and Connect ones are not judged). */
export async function collectEc2Network(ec2: EC2Client, scope: LiveScope, counter: CallCounter): Promise<{ vpcPeerings: Ec2VpcPeering[]; transitGatewayAttachments: Ec2TransitGatewayAttachment[]; gaps: CoverageGap[] }> {
  const [pcx, tgw] = await Promise.all([
    paged(counter, async (NextToken) => {
      const r = await ec2.send(new DescribeVpcPeeringConnectionsCommand({ MaxResults: PAGE, ...(NextToken === undefined ? {} : { NextToken }) }));
      return { items: r.VpcPeeringConnections ?? [], next: r.NextToken };
    }),
    paged(counter, async (NextToken) => {
      const r = await ec2.send(new DescribeTransitGatewayAttachmentsCommand({ MaxResults: PAGE, ...(NextToken === undefined ? {} : { NextToken }) }));
      return { items: r.TransitGatewayAttachments ?? [], next: r.NextToken };
    }),
  ]);
  const gaps: CoverageGap[] = [];
  if (!pcx.ok) gaps.push(gap(PEERINGS, '', 'EC2:DescribeVpcPeeringConnections', pcx.error));
  if (!tgw.ok) gaps.push(gap(TGW, '', 'EC2:DescribeTransitGatewayAttachments', tgw.error));
  return {
    vpcPeerings: (pcx.ok ? pcx.value : []).filter((p) => !DEAD_PEERING.has(p.Status?.Code ?? '')).map((p) => peeringOf(p, scope)),
    transitGatewayAttachments: (tgw.ok ? tgw.value : [])
      .filter((a) => !DEAD_ATTACHMENT.has(a.State ?? '') && ['vpc', 'peering', 'tgw-peering'].includes(a.ResourceType ?? ''))
      .map((a) => attachmentOf(a, scope)),
    gaps,
  };
}
