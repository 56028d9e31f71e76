/**
 * More of the AWS wire protocols for test/helpers/aws-api-server.ts (same port, same routing by
 * the SigV4 credential scope), for the live collector's EKS extras, EC2, Organizations and drill
 * evidence:
 *
 * - EKS (REST-JSON): `GET /clusters/<c>/addons[/<name>]`, `…/node-groups[/<name>]`,
 *   `…/access-entries[/<principal ARN, URL-encoded>[/access-policies]]`; lists one item per page
 *   (`nextToken`); access entries of a `CONFIG_MAP` cluster answer 400 `InvalidRequestException`
 *   as EKS does.
 * - EC2 (query protocol, EC2-style XML: no `…Result` wrapper, lower-camel element names, lists of
 *   `<item>`, `<Response><Errors><Error>` errors, `UnauthorizedOperation` for a denied call):
 *   `DescribeLaunchTemplateVersions` (by id or name, `LaunchTemplateVersion.N`), and
 *   `DescribeVpcPeeringConnections` / `DescribeTransitGatewayAttachments` one item per page
 *   (`NextToken`).
 * - Organizations (JSON 1.1, `x-amz-target: AWSOrganizationsV20161128.DescribeOrganization`):
 *   `AWSOrganizationsNotInUseException` when the account is in no organization.
 * - CloudTrail `LookupEvents` (JSON 1.1): one lookup attribute, the time window, newest first, two
 *   events per page (`NextToken`), `CloudTrailEvent` as a JSON string.
 * - RDS `DescribeDBClusterSnapshots` (awsQuery): `DBClusterSnapshotNotFoundFault` when unknown.
 *
 * Request keys for `forbid` / `script`: `eks GET <path>`, `ec2 <Action>[ <LaunchTemplateId|Name>]`,
 * `organizations DescribeOrganization`, `cloudtrail LookupEvents <EventName>`,
 * `rds DescribeDBClusterSnapshots <id>`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonError, queryOk, send, type FakeAwsOptions } from './aws-api-server.ts';
import { el } from './xml.ts';

/** A CloudTrail event as LookupEvents answers it; `CloudTrailEvent` is the record (served as its JSON string). */
export interface FakeTrailEvent {
  EventName: string;
  /** ISO 8601. */
  EventTime: string;
  Username?: string;
  EventSource?: string;
  CloudTrailEvent: Record<string, unknown>;
  /** Only in this region's event history (default: every region). */
  region?: string;
}

/** EC2 API members, PascalCase as the SDK names them (served as EC2 XML). */
export type Ec2Shape = Record<string, unknown>;

export interface FakeAwsExtras {
  /** EKS: cluster name → `Addon` members (`addonName` required). */
  eksAddons?: Record<string, Record<string, unknown>[]>;
  /** EKS: cluster name → `Nodegroup` members (`nodegroupName` required). */
  nodegroups?: Record<string, Record<string, unknown>[]>;
  /** EKS: cluster name → `AccessEntry` members with their `AssociatedAccessPolicy` members. */
  accessEntries?: Record<string, (Record<string, unknown> & { principalArn: string; policies?: Record<string, unknown>[] })[]>;
  /** EC2 `LaunchTemplateVersion` members (`LaunchTemplateId`, `LaunchTemplateName`, `VersionNumber`, `LaunchTemplateData`). */
  launchTemplateVersions?: Ec2Shape[];
  vpcPeerings?: Ec2Shape[];
  transitGatewayAttachments?: Ec2Shape[];
  /** DescribeOrganization's `Organization`; absent: `AWSOrganizationsNotInUseException`. */
  organization?: Record<string, unknown>;
  cloudTrailEvents?: FakeTrailEvent[];
  /** RDS cluster snapshot id → the cluster it was taken from. */
  dbClusterSnapshots?: Record<string, string>;
}

export interface ExtraRequest {
  service: string;
  url: URL;
  form: URLSearchParams;
  json: Record<string, unknown>;
  region: string;
  o: FakeAwsOptions;
  res: ServerResponse;
}

/** Operation and request key of a request this module answers; null for the others. */
export function extraRoute(service: string, req: IncomingMessage, url: URL, form: URLSearchParams, json: Record<string, unknown>): { operation: string; key: string } | null {
  if (service === 'ec2') {
    const operation = form.get('Action') ?? '?';
    const lt = form.get('LaunchTemplateId') ?? form.get('LaunchTemplateName');
    return { operation, key: `ec2 ${operation}${lt ? ` ${lt}` : ''}` };
  }
  if (service === 'organizations') {
    const operation = String(req.headers['x-amz-target'] ?? '').replace(/^[^.]*\./, '');
    return { operation, key: `organizations ${operation}` };
  }
  const target = String(req.headers['x-amz-target'] ?? '').replace(/^[^.]*\./, '');
  if (service === 'cloudtrail' && target === 'LookupEvents') {
    const attrs = Array.isArray(json['LookupAttributes']) ? json['LookupAttributes'] as { AttributeValue?: string }[] : [];
    return { operation: target, key: `cloudtrail LookupEvents ${attrs[0]?.AttributeValue ?? ''}` };
  }
  if (service === 'rds' && form.get('Action') === 'DescribeDBClusterSnapshots') {
    return { operation: 'DescribeDBClusterSnapshots', key: `rds DescribeDBClusterSnapshots ${form.get('DBClusterSnapshotIdentifier') ?? ''}` };
  }
  if (service === 'eks') {
    const p = url.pathname;
    const op = /^\/clusters\/[^/]+\/addons$/.test(p) ? 'ListAddons' : /^\/clusters\/[^/]+\/addons\/[^/]+$/.test(p) ? 'DescribeAddon'
      : /^\/clusters\/[^/]+\/node-groups$/.test(p) ? 'ListNodegroups' : /^\/clusters\/[^/]+\/node-groups\/[^/]+$/.test(p) ? 'DescribeNodegroup'
        : /^\/clusters\/[^/]+\/access-entries$/.test(p) ? 'ListAccessEntries' : /^\/clusters\/[^/]+\/access-entries\/[^/]+$/.test(p) ? 'DescribeAccessEntry'
          : /^\/clusters\/[^/]+\/access-entries\/[^/]+\/access-policies$/.test(p) ? 'ListAssociatedAccessPolicies' : null;
    return op === null ? null : { operation: op, key: `eks ${req.method ?? 'GET'} ${p}` };
  }
  return null;
}

const EC2_NS = 'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"';
const REQUEST_ID = '59dbff89-35bd-4eac-99ed-be587EXAMPLE';

/** The error of a service this module speaks that the base server does not (EC2, Organizations); false for the others. */
export function extraError(service: string, res: ServerResponse, status: number, code: string, headers: Record<string, string>): boolean {
  if (service === 'organizations') {
    send(res, status, 'application/x-amz-json-1.1', JSON.stringify({ __type: code, Message: code === 'AccessDeniedException' ? 'You don\'t have permissions to access this resource.' : code }), headers);
    return true;
  }
  if (service !== 'ec2') return false;
  const message = code === 'UnauthorizedOperation' ? 'You are not authorized to perform this operation.' : code;
  send(res, status, 'text/xml;charset=UTF-8', `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>${el('Code', code)}${el('Message', message)}</Error></Errors>${el('RequestID', REQUEST_ID)}</Response>`, headers);
  return true;
}

/** The code a forbidden request of these services answers. */
export function extraForbidCode(service: string): string | null {
  return service === 'ec2' ? 'UnauthorizedOperation' : service === 'organizations' ? 'AccessDeniedException' : null;
}

function ec2Name(k: string): string {
  return k === 'Tags' ? 'tagSet' : k.charAt(0).toLowerCase() + k.slice(1);
}

/** EC2 XML of API members: lower-camel element names, lists as `<item>`s. */
export function ec2Xml(o: Ec2Shape): string {
  return Object.entries(o).map(([k, v]) => {
    const n = ec2Name(k);
    if (Array.isArray(v)) return `<${n}>${v.map((x) => (x !== null && typeof x === 'object' ? `<item>${ec2Xml(x as Ec2Shape)}</item>` : el('item', x as string))).join('')}</${n}>`;
    if (v !== null && typeof v === 'object') return `<${n}>${ec2Xml(v as Ec2Shape)}</${n}>`;
    return el(n, v as string | number | boolean | undefined);
  }).join('');
}

function ec2Ok(res: ServerResponse, action: string, body: string): void {
  send(res, 200, 'text/xml;charset=UTF-8', `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response ${EC2_NS}>${el('requestId', REQUEST_ID)}${body}</${action}Response>`);
}

/** One item per page, `NextToken` = the index of the next. */
function ec2Page(res: ServerResponse, action: string, listName: string, all: Ec2Shape[], token: string | null): void {
  const start = Number(token ?? '0');
  const more = start + 1 < all.length;
  ec2Ok(res, action, `<${listName}>${all.slice(start, start + 1).map((x) => `<item>${ec2Xml(x)}</item>`).join('')}</${listName}>${more ? el('nextToken', String(start + 1)) : ''}`);
}

function jsonOk(res: ServerResponse, body: unknown): void {
  send(res, 200, 'application/x-amz-json-1.1', JSON.stringify(body));
}

function page<T>(all: T[], token: string | null, size = 1): { items: T[]; next?: string } {
  const start = Number(token ?? '0');
  return { items: all.slice(start, start + size), ...(start + size < all.length ? { next: String(start + size) } : {}) };
}

/** Answer a request of this module's operations; false when it is not one. */
export function extraAnswer(operation: string, r: ExtraRequest): boolean {
  const { service, url, form, json, o, res } = r;
  if (service === 'ec2') {
    const token = form.get('NextToken');
    if (operation === 'DescribeVpcPeeringConnections') { ec2Page(res, operation, 'vpcPeeringConnectionSet', o.vpcPeerings ?? [], token); return true; }
    if (operation === 'DescribeTransitGatewayAttachments') { ec2Page(res, operation, 'transitGatewayAttachments', o.transitGatewayAttachments ?? [], token); return true; }
    if (operation === 'DescribeLaunchTemplateVersions') {
      const id = form.get('LaunchTemplateId');
      const name = form.get('LaunchTemplateName');
      const mine = (o.launchTemplateVersions ?? []).filter((v) => (id !== null ? v['LaunchTemplateId'] === id : v['LaunchTemplateName'] === name));
      if (mine.length === 0) { extraError('ec2', res, 400, id !== null ? 'InvalidLaunchTemplateId.NotFound' : 'InvalidLaunchTemplateName.NotFoundException', {}); return true; }
      const asked = [...form.entries()].filter(([k]) => /^LaunchTemplateVersion\.\d+$/.test(k)).map(([, v]) => v);
      const latest = Math.max(...mine.map((v) => Number(v['VersionNumber'])));
      const hits = asked.length === 0 ? mine : mine.filter((v) => asked.some((a) => a === String(v['VersionNumber']) || (a === '$Default' && v['DefaultVersion'] === true) || (a === '$Latest' && Number(v['VersionNumber']) === latest)));
      if (hits.length < asked.length) { extraError('ec2', res, 400, 'InvalidLaunchTemplateId.VersionNotFound', {}); return true; }
      ec2Page(res, operation, 'launchTemplateVersionSet', hits, form.get('NextToken'));
      return true;
    }
    extraError('ec2', res, 400, 'InvalidAction', {});
    return true;
  }
  if (service === 'organizations') {
    if (operation !== 'DescribeOrganization') extraError(service, res, 400, 'UnknownOperationException', {});
    else if (!o.organization) extraError(service, res, 400, 'AWSOrganizationsNotInUseException', {});
    else jsonOk(res, { Organization: o.organization });
    return true;
  }
  if (service === 'cloudtrail' && operation === 'LookupEvents') {
    const attrs = Array.isArray(json['LookupAttributes']) ? json['LookupAttributes'] as { AttributeKey?: string; AttributeValue?: string }[] : [];
    const start = Number(json['StartTime'] ?? 0);
    const end = Number(json['EndTime'] ?? Date.now() / 1000);
    if (attrs.length > 1) { send(res, 400, 'application/x-amz-json-1.1', JSON.stringify({ __type: 'InvalidLookupAttributesException' })); return true; }
    if (start > end) { send(res, 400, 'application/x-amz-json-1.1', JSON.stringify({ __type: 'InvalidTimeRangeException' })); return true; }
    const events = (o.cloudTrailEvents ?? [])
      .map((e, i) => ({ e, i, t: Date.parse(e.EventTime) / 1000 }))
      .filter(({ e, t }) => (attrs[0] === undefined || (attrs[0].AttributeKey === 'EventName' && e.EventName === attrs[0].AttributeValue))
        && (e.region === undefined || e.region === r.region) && t >= start && t <= end)
      .sort((a, b) => b.t - a.t);
    const p = page(events, typeof json['NextToken'] === 'string' ? json['NextToken'] : null, 2);
    jsonOk(res, {
      Events: p.items.map(({ e, i, t }) => ({
        EventId: `0b6c1a2e-4f3d-4c5b-9a8e-${String(i).padStart(12, '0')}`, EventName: e.EventName, ReadOnly: 'false', AccessKeyId: 'ASIAEXAMPLEDRILL',
        EventTime: t, EventSource: e.EventSource ?? 'rds.amazonaws.com', Username: e.Username ?? 'drill-operator',
        Resources: [], CloudTrailEvent: JSON.stringify({ eventVersion: '1.10', eventTime: e.EventTime, eventName: e.EventName, awsRegion: r.region, ...e.CloudTrailEvent }),
      })),
      ...(p.next !== undefined ? { NextToken: p.next } : {}),
    });
    return true;
  }
  if (service === 'rds' && operation === 'DescribeDBClusterSnapshots') {
    const id = form.get('DBClusterSnapshotIdentifier') ?? '';
    const cluster = o.dbClusterSnapshots?.[id];
    if (cluster === undefined) send(res, 404, 'text/xml', `<ErrorResponse><Error><Type>Sender</Type>${el('Code', 'DBClusterSnapshotNotFoundFault')}${el('Message', `DBClusterSnapshot ${id} not found.`)}</Error>${el('RequestId', REQUEST_ID)}</ErrorResponse>`);
    else queryOk(res, operation, `<DBClusterSnapshots><DBClusterSnapshot>${el('DBClusterSnapshotIdentifier', id)}${el('DBClusterIdentifier', cluster)}${el('SnapshotType', 'manual')}${el('Status', 'available')}${el('Engine', 'aurora-postgresql')}</DBClusterSnapshot></DBClusterSnapshots>`);
    return true;
  }
  if (service === 'eks') {
    const parts = url.pathname.split('/').map(decodeURIComponent);
    const cluster = o.clusters.find((c) => c.name === parts[2]);
    if (!cluster) { jsonError(res, 404, 'ResourceNotFoundException'); return true; }
    const name = cluster.name;
    const token = url.searchParams.get('nextToken');
    const list = (key: string, all: string[]): void => { const p = page(all, token); send(res, 200, 'application/json', JSON.stringify({ [key]: p.items, ...(p.next !== undefined ? { nextToken: p.next } : {}) })); };
    const one = (key: string, v: unknown): void => { if (v === undefined) jsonError(res, 404, 'ResourceNotFoundException'); else send(res, 200, 'application/json', JSON.stringify({ [key]: v })); };
    const addons = o.eksAddons?.[name] ?? [];
    const groups = o.nodegroups?.[name] ?? [];
    const entries = o.accessEntries?.[name] ?? [];
    const entry = entries.find((e) => e.principalArn === parts[4]);
    const mode = (cluster['accessConfig'] as { authenticationMode?: string } | undefined)?.authenticationMode ?? 'CONFIG_MAP';
    if (operation.includes('Access') && mode === 'CONFIG_MAP') {
      jsonError(res, 400, 'InvalidRequestException');
      return true;
    }
    switch (operation) {
      case 'ListAddons': list('addons', addons.map((a) => String(a['addonName']))); break;
      case 'DescribeAddon': one('addon', addons.find((a) => a['addonName'] === parts[4])); break;
      case 'ListNodegroups': list('nodegroups', groups.map((g) => String(g['nodegroupName']))); break;
      case 'DescribeNodegroup': one('nodegroup', groups.find((g) => g['nodegroupName'] === parts[4])); break;
      case 'ListAccessEntries': list('accessEntries', entries.map((e) => e.principalArn)); break;
      case 'DescribeAccessEntry': one('accessEntry', entry ? (({ policies: _p, ...e }) => ({ clusterName: name, ...e }))(entry) : undefined); break;
      default: {
        if (!entry) { jsonError(res, 404, 'ResourceNotFoundException'); break; }
        const p = page(entry.policies ?? [], token);
        send(res, 200, 'application/json', JSON.stringify({ clusterName: name, principalArn: entry.principalArn, associatedAccessPolicies: p.items, ...(p.next !== undefined ? { nextToken: p.next } : {}) }));
      }
    }
    return true;
  }
  return false;
}
