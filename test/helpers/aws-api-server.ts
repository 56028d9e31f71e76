/**
 * A local `node:http` server that speaks enough of the real AWS wire protocols for the live AWS
 * collector, on one port, routed by the service in the SigV4 credential scope of the
 * `authorization` header (`…/<region>/<service>/aws4_request`):
 *
 * - STS and IAM: awsQuery — `POST /` with a form body (`Action=…&Version=…`), XML answers with the
 *   `<…Response><…Result>` wrappers, `<ErrorResponse><Error><Code>` errors. IAM (aws-iam-api.ts):
 *   policy documents URL-encoded as IAM returns them, `Marker`/`IsTruncated` paging.
 * - S3: REST-XML, path-style (`GET /<bucket>?versioning`), `<Error><Code>` errors, the "not
 *   configured" 404s S3 really answers (`NoSuchBucketPolicy`, …).
 * - EKS: REST-JSON (`GET /clusters`, `GET /clusters/<name>`), errors with `x-amzn-errortype`.
 * - Route 53: REST-XML (`GET /2013-04-01/hostedzone`, `…/hostedzone/<id>/rrset`, `…/healthcheck`),
 *   `<ErrorResponse>` errors; one zone / two records per page so every kind of paging is exercised.
 * - RDS: awsQuery like STS/IAM (`DescribeDBClusters`, one cluster per page; `DescribeDBInstances`;
 *   `DescribeDBClusterParameters` answering only `Source=user` parameters).
 * - CloudTrail and KMS: JSON 1.1 (`POST /`, `x-amz-target: CloudTrail_20131101.<Op>` /
 *   `TrentService.<Op>`), errors with `__type`; ListKeys one key per page.
 *
 * Each request is keyed (`sts GetCallerIdentity`, `s3 GET /b?versioning`, `eks GET /clusters/x`,
 * `iam ListAccessKeys alice`, `route53 GET /2013-04-01/hostedzone/Z1/rrset`, `rds DescribeDBClusters`,
 * `cloudtrail GetTrailStatus`, `kms DescribeKey <key id>`) and named by its API operation
 * (`S3:GetBucketVersioning`); a key can be forbidden (403 AccessDenied in the service's format) or scripted
 * (responses served, in order, before the normal one).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { iamAnswer, type FakeIam, type FakeRole } from './aws-iam-api.ts';
import { el, xmlEscape } from './xml.ts';

export type { FakeIam, FakeIamGroup, FakeIamPolicy, FakeIamUser, FakeRole } from './aws-iam-api.ts';
import { extraAnswer, extraError, extraForbidCode, extraRoute, type FakeAwsExtras } from './aws-api-extras.ts';

export interface FakeBucket {
  name: string;
  region: string;
  versioning?: { status: 'Enabled' | 'Suspended'; mfaDelete?: 'Enabled' | 'Disabled' };
  /** Absent: `ServerSideEncryptionConfigurationNotFoundError` (pre-2023 behaviour). */
  encryption?: { algorithm: string; kmsKeyId?: string; bucketKey?: boolean };
  publicAccessBlock?: { blockPublicAcls: boolean; blockPublicPolicy: boolean; ignorePublicAcls: boolean; restrictPublicBuckets: boolean };
  /** A policy document (served as JSON text). */
  policy?: Record<string, unknown>;
  replication?: { role: string; rules: { id: string; status: string; destinationBucket: string; account?: string; replicaKmsKeyId?: string; deleteMarkerReplication?: string }[] };
  objectLock?: { mode: string; days?: number; years?: number };
  lifecycle?: { id: string; status: string; noncurrentDays?: number; expirationDays?: number }[];
  logging?: { targetBucket: string; targetPrefix: string };
}

export interface FakeEksCluster {
  /** The `cluster` member of DescribeCluster, as EKS returns it (camelCase JSON). */
  [k: string]: unknown;
  name: string;
}

export interface FakeZone {
  id: string;
  name: string;
  privateZone?: boolean;
  /** ResourceRecordSet members, as Route 53 returns them (PascalCase; names with a trailing dot). */
  records: FakeRecord[];
}

export interface FakeRecord {
  Name: string;
  Type: string;
  SetIdentifier?: string;
  Failover?: 'PRIMARY' | 'SECONDARY';
  TTL?: number;
  ResourceRecords?: string[];
  AliasTarget?: { HostedZoneId: string; DNSName: string; EvaluateTargetHealth: boolean };
  HealthCheckId?: string;
}

/** A HealthCheckConfig, PascalCase as Route 53 returns it. */
export interface FakeHealthCheck {
  Id: string;
  config: Record<string, string | number | boolean | string[]>;
  /** GetHealthCheckStatus' observations (default: three checkers reporting success a minute ago). */
  observations?: { region: string; status: string; checkedAt: string }[];
}

/** An RDS DBCluster / DBInstance: scalar members by name, list members as { wrapper: { member: values } }. */
export type FakeRdsObject = Record<string, string | number | boolean | { member: string; items: (string | Record<string, string | number | boolean>)[] } | Record<string, string>>;

export interface FakeKmsKey {
  /** DescribeKey's KeyMetadata (KeyId and Arn required). */
  metadata: Record<string, unknown> & { KeyId: string; Arn: string };
  rotation?: { KeyRotationEnabled: boolean; RotationPeriodInDays?: number };
}

export interface Scripted {
  /** 0: the normal answer, in its turn (so that an error can follow it). */
  status: number;
  /** Error code (S3/STS/IAM `<Code>`, EKS `x-amzn-errortype`). */
  code: string;
  headers?: Record<string, string>;
  /** Served as it is with `status` instead of an error (a malformed answer). */
  body?: string;
}

/** EKS extras, EC2, Organizations and drill evidence: aws-api-extras.ts. */
export interface FakeAwsOptions extends FakeAwsExtras {
  accountId: string;
  callerArn: string;
  buckets: FakeBucket[];
  clusters: FakeEksCluster[];
  /** IAM roles (GetAccountAuthorizationDetails), and the rest of IAM (aws-iam-api.ts). */
  roles?: FakeRole[];
  iam?: FakeIam;
  zones?: FakeZone[];
  healthChecks?: FakeHealthCheck[];
  dbClusters?: FakeRdsObject[];
  dbInstances?: FakeRdsObject[];
  /** Cluster parameter group name → parameters set by the user. */
  clusterParameters?: Record<string, Record<string, string>>;
  /** CloudTrail Trail members (PascalCase JSON) with GetTrailStatus' IsLogging. */
  trails?: (Record<string, unknown> & { Name: string; TrailARN: string; isLogging: boolean })[];
  kmsKeys?: FakeKmsKey[];
  /** Request keys answered with 403 AccessDenied. */
  forbid?: string[];
  /** Request key → errors served, in order, before the normal answer. */
  script?: Record<string, Scripted[]>;
  /**
   * Roles STS AssumeRole can assume (role ARN → that account's data): AssumeRole answers temporary
   * credentials whose access key id (`ASIAFAKE<n>`) the server then maps to the account, so the
   * calls signed with them read it. Any other role ARN: 403 AccessDenied.
   */
  assumableRoles?: Record<string, FakeAwsOptions>;
  /** How long the credentials of each AssumeRole answer last (ms), in order; then an hour each. */
  assumeRoleLifetimesMs?: number[];
}

export interface RecordedAwsRequest {
  service: string;
  key: string;
  /** The API operation, `S3:GetBucketVersioning`, `Route53:ListResourceRecordSets`, … */
  api: string;
  /** `amz-sdk-request: attempt=N; max=M` */
  attempt: number;
  /** From the SigV4 credential scope. */
  region: string;
  accessKeyId: string;
  /** The whole request — method, path, query and body (page tokens included): two equal ones are the same call made twice. */
  request: string;
}

export interface FakeAws {
  endpoint: string;
  requests: RecordedAwsRequest[];
  close(): Promise<void>;
}

const REQUEST_ID = '4442587FB7D0A2F9';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function serviceOf(req: IncomingMessage): string {
  const auth = req.headers.authorization ?? '';
  return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(auth)?.[1] ?? '';
}

function credentialOf(req: IncomingMessage): { accessKeyId: string; region: string } {
  const m = /Credential=([^/]+)\/\d{8}\/([^/]+)\/[^/]+\/aws4_request/.exec(req.headers.authorization ?? '');
  return { accessKeyId: m?.[1] ?? '', region: m?.[2] ?? '' };
}

export function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'x-amzn-requestid': REQUEST_ID, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function s3Error(res: ServerResponse, status: number, code: string, headers: Record<string, string> = {}): void {
  send(res, status, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${el('Code', code)}${el('Message', code === 'AccessDenied' ? 'Access Denied' : code)}${el('RequestId', REQUEST_ID)}${el('HostId', 'aGVsbG8gd29ybGQ=')}</Error>`, headers);
}

function queryError(res: ServerResponse, status: number, code: string, headers: Record<string, string> = {}): void {
  const message = code === 'AccessDenied' ? 'User: arn:aws:sts::111122223333:assumed-role/oobguard-audit/scan is not authorized to perform this action' : code;
  send(res, status, 'text/xml', `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>${el('Code', code)}${el('Message', message)}</Error>${el('RequestId', REQUEST_ID)}</ErrorResponse>`, headers);
}

export function jsonError(res: ServerResponse, status: number, code: string, headers: Record<string, string> = {}): void {
  send(res, status, 'application/json', JSON.stringify({ message: code === 'AccessDeniedException' ? 'User is not authorized to perform this operation' : code }), { 'x-amzn-errortype': code, ...headers });
}

export function queryOk(res: ServerResponse, action: string, result: string): void {
  const ns = action === 'GetCallerIdentity' ? 'https://sts.amazonaws.com/doc/2011-06-15/' : 'https://iam.amazonaws.com/doc/2010-05-08/';
  send(res, 200, 'text/xml', `<${action}Response xmlns="${ns}"><${action}Result>${result}</${action}Result><ResponseMetadata>${el('RequestId', REQUEST_ID)}</ResponseMetadata></${action}Response>`);
}

function xmlOk(res: ServerResponse, body: string): void {
  send(res, 200, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}

const S3_OPERATION: Record<string, string> = {
  location: 'GetBucketLocation', versioning: 'GetBucketVersioning', encryption: 'GetBucketEncryption', publicAccessBlock: 'GetPublicAccessBlock',
  policy: 'GetBucketPolicy', replication: 'GetBucketReplication', 'object-lock': 'GetObjectLockConfiguration',
  lifecycle: 'GetBucketLifecycleConfiguration', logging: 'GetBucketLogging',
};
const SERVICE_LABEL: Record<string, string> = { ec2: 'EC2', organizations: 'Organizations', sts: 'STS', iam: 'IAM', s3: 'S3', eks: 'EKS', route53: 'Route53', rds: 'RDS', cloudtrail: 'CloudTrail', kms: 'KMS' };
const R53_NS = 'xmlns="https://route53.amazonaws.com/doc/2013-04-01/"';

function route53Operation(path: string): string {
  if (path === '/2013-04-01/hostedzone') return 'ListHostedZones';
  if (/^\/2013-04-01\/hostedzone\/[^/]+\/rrset$/.test(path)) return 'ListResourceRecordSets';
  if (path === '/2013-04-01/healthcheck') return 'ListHealthChecks';
  if (/^\/2013-04-01\/healthcheck\/[^/]+\/status$/.test(path)) return 'GetHealthCheckStatus';
  return '?';
}

function rdsXml(o: FakeRdsObject): string {
  return Object.entries(o).map(([k, v]) => {
    if (typeof v !== 'object') return el(k, v);
    if ('member' in v && 'items' in v && Array.isArray(v.items)) {
      const member = String(v.member);
      return `<${k}>${v.items.map((x) => typeof x === 'string' ? el(member, x) : `<${member}>${Object.entries(x).map(([a, b]) => el(a, b)).join('')}</${member}>`).join('')}</${k}>`;
    }
    return `<${k}>${Object.entries(v as Record<string, string>).map(([a, b]) => el(a, b)).join('')}</${k}>`;
  }).join('');
}

function recordXml(r: FakeRecord): string {
  return `<ResourceRecordSet>${el('Name', r.Name)}${el('Type', r.Type)}${el('SetIdentifier', r.SetIdentifier)}${el('Failover', r.Failover)}${el('TTL', r.TTL)}`
    + `${r.ResourceRecords ? `<ResourceRecords>${r.ResourceRecords.map((v) => `<ResourceRecord>${el('Value', v)}</ResourceRecord>`).join('')}</ResourceRecords>` : ''}`
    + `${r.AliasTarget ? `<AliasTarget>${el('HostedZoneId', r.AliasTarget.HostedZoneId)}${el('DNSName', r.AliasTarget.DNSName)}${el('EvaluateTargetHealth', r.AliasTarget.EvaluateTargetHealth)}</AliasTarget>` : ''}`
    + `${el('HealthCheckId', r.HealthCheckId)}</ResourceRecordSet>`;
}

function healthCheckXml(h: FakeHealthCheck): string {
  const list: Record<string, string> = { Regions: 'Region', ChildHealthChecks: 'ChildHealthCheck' };
  const cfg = Object.entries(h.config).map(([k, v]) => Array.isArray(v) ? `<${k}>${v.map((x) => el(list[k] ?? 'member', x)).join('')}</${k}>` : el(k, v)).join('');
  return `<HealthCheck>${el('Id', h.Id)}${el('CallerReference', `ref-${h.Id}`)}<HealthCheckConfig>${cfg}</HealthCheckConfig>${el('HealthCheckVersion', 1)}</HealthCheck>`;
}

const S3_NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
const SUBRESOURCES = ['location', 'versioning', 'encryption', 'publicAccessBlock', 'policy', 'replication', 'object-lock', 'lifecycle', 'logging'];

function s3Answer(res: ServerResponse, b: FakeBucket, sub: string): void {
  switch (sub) {
    case 'location':
      // us-east-1 answers an empty LocationConstraint.
      return xmlOk(res, `<LocationConstraint ${S3_NS}>${b.region === 'us-east-1' ? '' : xmlEscape(b.region)}</LocationConstraint>`);
    case 'versioning':
      return xmlOk(res, b.versioning
        ? `<VersioningConfiguration ${S3_NS}>${el('Status', b.versioning.status)}${el('MfaDelete', b.versioning.mfaDelete)}</VersioningConfiguration>`
        : `<VersioningConfiguration ${S3_NS}/>`);
    case 'encryption':
      if (!b.encryption) return s3Error(res, 404, 'ServerSideEncryptionConfigurationNotFoundError');
      return xmlOk(res, `<ServerSideEncryptionConfiguration ${S3_NS}><Rule><ApplyServerSideEncryptionByDefault>${el('SSEAlgorithm', b.encryption.algorithm)}${el('KMSMasterKeyID', b.encryption.kmsKeyId)}</ApplyServerSideEncryptionByDefault>${el('BucketKeyEnabled', b.encryption.bucketKey ?? false)}</Rule></ServerSideEncryptionConfiguration>`);
    case 'publicAccessBlock': {
      const p = b.publicAccessBlock;
      if (!p) return s3Error(res, 404, 'NoSuchPublicAccessBlockConfiguration');
      return xmlOk(res, `<PublicAccessBlockConfiguration ${S3_NS}>${el('BlockPublicAcls', p.blockPublicAcls)}${el('IgnorePublicAcls', p.ignorePublicAcls)}${el('BlockPublicPolicy', p.blockPublicPolicy)}${el('RestrictPublicBuckets', p.restrictPublicBuckets)}</PublicAccessBlockConfiguration>`);
    }
    case 'policy':
      if (!b.policy) return s3Error(res, 404, 'NoSuchBucketPolicy');
      return send(res, 200, 'application/json', JSON.stringify(b.policy));
    case 'replication': {
      const r = b.replication;
      if (!r) return s3Error(res, 404, 'ReplicationConfigurationNotFoundError');
      const rules = r.rules.map((x, i) => `<Rule>${el('ID', x.id)}${el('Priority', i + 1)}<Filter/>${el('Status', x.status)}<DeleteMarkerReplication>${el('Status', x.deleteMarkerReplication ?? 'Disabled')}</DeleteMarkerReplication><Destination>${el('Bucket', x.destinationBucket)}${el('Account', x.account)}${x.replicaKmsKeyId ? `<EncryptionConfiguration>${el('ReplicaKmsKeyID', x.replicaKmsKeyId)}</EncryptionConfiguration>` : ''}</Destination>${x.replicaKmsKeyId ? '<SourceSelectionCriteria><SseKmsEncryptedObjects><Status>Enabled</Status></SseKmsEncryptedObjects></SourceSelectionCriteria>' : ''}</Rule>`).join('');
      return xmlOk(res, `<ReplicationConfiguration ${S3_NS}>${el('Role', r.role)}${rules}</ReplicationConfiguration>`);
    }
    case 'object-lock': {
      const o = b.objectLock;
      if (!o) return s3Error(res, 404, 'ObjectLockConfigurationNotFoundError');
      return xmlOk(res, `<ObjectLockConfiguration ${S3_NS}><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention>${el('Mode', o.mode)}${el('Days', o.days)}${el('Years', o.years)}</DefaultRetention></Rule></ObjectLockConfiguration>`);
    }
    case 'lifecycle': {
      if (!b.lifecycle || b.lifecycle.length === 0) return s3Error(res, 404, 'NoSuchLifecycleConfiguration');
      const rules = b.lifecycle.map((x) => `<Rule>${el('ID', x.id)}<Filter><Prefix></Prefix></Filter>${el('Status', x.status)}${x.expirationDays !== undefined ? `<Expiration>${el('Days', x.expirationDays)}</Expiration>` : ''}${x.noncurrentDays !== undefined ? `<NoncurrentVersionExpiration>${el('NoncurrentDays', x.noncurrentDays)}</NoncurrentVersionExpiration>` : ''}</Rule>`).join('');
      return xmlOk(res, `<LifecycleConfiguration ${S3_NS}>${rules}</LifecycleConfiguration>`);
    }
    case 'logging':
      return xmlOk(res, b.logging
        ? `<BucketLoggingStatus ${S3_NS}><LoggingEnabled>${el('TargetBucket', b.logging.targetBucket)}${el('TargetPrefix', b.logging.targetPrefix)}</LoggingEnabled></BucketLoggingStatus>`
        : `<BucketLoggingStatus ${S3_NS}/>`);
    default:
      return s3Error(res, 400, 'NotImplemented');
  }
}

export async function startAwsApi(opts: FakeAwsOptions): Promise<FakeAws> {
  const requests: RecordedAwsRequest[] = [];
  const script = new Map(Object.entries(opts.script ?? {}).map(([k, v]) => [k, [...v]]));
  const byKey = new Map<string, FakeAwsOptions>(Object.values(opts.assumableRoles ?? {}).map((a, i) => [`ASIAFAKE${i}`, a] as const));
  const keyOfRole = new Map<string, string>(Object.keys(opts.assumableRoles ?? {}).map((arn, i) => [arn, `ASIAFAKE${i}`] as const));
  const lifetimes = [...(opts.assumeRoleLifetimesMs ?? [])];
  const server = createServer((req, res) => {
    void (async () => {
      const service = serviceOf(req);
      const { accessKeyId, region } = credentialOf(req);
      // The account the credentials belong to: an assumed role's, or the base one.
      const o: FakeAwsOptions = byKey.get(accessKeyId) ?? opts;
      const forbid = new Set(o.forbid ?? []);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = await readBody(req);
      const form = new URLSearchParams(body);
      let key: string;
      const target = String(req.headers['x-amz-target'] ?? '').replace(/^[^.]*\./, '');
      const json = service === 'cloudtrail' || service === 'kms' || service === 'organizations' ? (body === '' ? {} : JSON.parse(body) as Record<string, unknown>) : {};
      let operation: string;
      const extra = extraRoute(service, req, url, form, json);
      if (extra) ({ operation, key } = extra);
      else if (service === 'sts' || service === 'iam' || service === 'rds') {
        operation = form.get('Action') ?? '?';
        const named = ['RoleArn', 'RoleName', 'PolicyName', 'UserName', 'AccessKeyId', 'OpenIDConnectProviderArn', 'DBClusterParameterGroupName'].map((p) => form.get(p)).filter((v) => v !== null);
        key = `${service} ${operation}${named.map((v) => ` ${v}`).join('')}`;
      } else if (service === 's3') {
        const sub = SUBRESOURCES.find((s) => url.searchParams.has(s));
        key = `s3 ${req.method ?? 'GET'} ${url.pathname.replace(/\/$/, '') || '/'}${sub ? `?${sub}` : ''}`;
        operation = sub ? S3_OPERATION[sub] ?? '?' : url.pathname.replace(/\/$/, '') === '' ? 'ListBuckets' : '?';
      } else if (service === 'cloudtrail' || service === 'kms') {
        operation = target;
        key = `${service} ${operation}${typeof json['KeyId'] === 'string' ? ` ${json['KeyId']}` : ''}`;
      } else {
        key = `${service} ${req.method ?? 'GET'} ${url.pathname}`;
        operation = service === 'eks' ? (url.pathname === '/clusters' ? 'ListClusters' : 'DescribeCluster') : service === 'route53' ? route53Operation(url.pathname) : '?';
      }
      const attempt = Number(/attempt=(\d+)/.exec(String(req.headers['amz-sdk-request'] ?? ''))?.[1] ?? '1');
      requests.push({ service, key, api: `${SERVICE_LABEL[service] ?? service}:${operation}`, attempt, region, accessKeyId, request: `${req.method ?? 'GET'} ${url.pathname}${url.search} ${target} ${body}` });
      const fail = (status: number, code: string, headers: Record<string, string> = {}): void => {
        if (extraError(service, res, status, code, headers)) return;
        if (service === 's3') s3Error(res, status, code, headers);
        else if (service === 'eks') jsonError(res, status, code, headers);
        else if (service === 'cloudtrail' || service === 'kms') send(res, status, 'application/x-amz-json-1.1', JSON.stringify({ __type: code, message: code }), headers);
        else queryError(res, status, code, headers);
      };
      const next = script.get(key)?.shift();
      const scripted = next?.status === 0 ? undefined : next;
      if (scripted?.body !== undefined) return send(res, scripted.status, 'text/xml', scripted.body, scripted.headers ?? {});
      if (scripted) return fail(scripted.status, scripted.code, scripted.headers ?? {});
      if (forbid.has(key) || forbid.has(`${region} ${key}`)) return fail(403, extraForbidCode(service) ?? (service === 'eks' || service === 'kms' || service === 'cloudtrail' ? 'AccessDeniedException' : 'AccessDenied'));
      if (extra && extraAnswer(operation, { service, url, form, json, region, o, res })) return;

      if (service === 'route53') {
        const zones = o.zones ?? [];
        if (operation === 'ListHostedZones') {
          const start = Number(url.searchParams.get('marker') ?? '0');
          const page = zones.slice(start, start + 1);
          const more = start + 1 < zones.length;
          const zx = page.map((z) => `<HostedZone>${el('Id', `/hostedzone/${z.id}`)}${el('Name', z.name)}${el('CallerReference', `ref-${z.id}`)}<Config>${el('PrivateZone', z.privateZone ?? false)}</Config>${el('ResourceRecordSetCount', z.records.length)}</HostedZone>`).join('');
          return xmlOk(res, `<ListHostedZonesResponse ${R53_NS}><HostedZones>${zx}</HostedZones>${el('Marker', url.searchParams.get('marker') ?? '')}${el('IsTruncated', more)}${more ? el('NextMarker', String(start + 1)) : ''}${el('MaxItems', 1)}</ListHostedZonesResponse>`);
        }
        if (operation === 'ListResourceRecordSets') {
          const id = url.pathname.split('/')[3] ?? '';
          const z = zones.find((x) => x.id === id);
          if (!z) return queryError(res, 404, 'NoSuchHostedZone');
          const name = url.searchParams.get('name');
          let start = 0;
          if (name !== null) {
            start = z.records.findIndex((r) => r.Name === name && r.Type === (url.searchParams.get('type') ?? r.Type) && (r.SetIdentifier ?? '') === (url.searchParams.get('identifier') ?? r.SetIdentifier ?? ''));
            if (start < 0) start = z.records.length;
          }
          const page = z.records.slice(start, start + 2);
          const next = z.records[start + 2];
          const nextXml = next ? `${el('NextRecordName', next.Name)}${el('NextRecordType', next.Type)}${el('NextRecordIdentifier', next.SetIdentifier)}` : '';
          return xmlOk(res, `<ListResourceRecordSetsResponse ${R53_NS}><ResourceRecordSets>${page.map(recordXml).join('')}</ResourceRecordSets>${el('IsTruncated', next !== undefined)}${nextXml}${el('MaxItems', 2)}</ListResourceRecordSetsResponse>`);
        }
        if (operation === 'GetHealthCheckStatus') {
          const h = (o.healthChecks ?? []).find((x) => x.Id === url.pathname.split('/')[3]);
          if (!h) return queryError(res, 404, 'NoSuchHealthCheck');
          const at = new Date(Date.now() - 60_000).toISOString();
          const obs = h.observations ?? ['us-east-1', 'eu-west-1', 'ap-southeast-1'].map((region) => ({ region, status: 'Success: HTTP Status Code 200, OK', checkedAt: at }));
          const xml = obs.map((x, i) => `<HealthCheckObservation>${el('Region', x.region)}${el('IPAddress', `15.177.${i}.1`)}<StatusReport>${el('Status', x.status)}${el('CheckedTime', x.checkedAt)}</StatusReport></HealthCheckObservation>`).join('');
          return xmlOk(res, `<GetHealthCheckStatusResponse ${R53_NS}><HealthCheckObservations>${xml}</HealthCheckObservations></GetHealthCheckStatusResponse>`);
        }
        if (operation === 'ListHealthChecks') {
          const hcs = o.healthChecks ?? [];
          return xmlOk(res, `<ListHealthChecksResponse ${R53_NS}><HealthChecks>${hcs.map(healthCheckXml).join('')}</HealthChecks>${el('Marker', '')}${el('IsTruncated', false)}${el('MaxItems', 100)}</ListHealthChecksResponse>`);
        }
        return queryError(res, 400, 'InvalidInput');
      }
      if (service === 'rds') {
        if (operation === 'DescribeDBClusters') {
          const all = o.dbClusters ?? [];
          const start = Number(form.get('Marker') ?? '0');
          const more = start + 1 < all.length;
          return queryOk(res, operation, `<DBClusters>${all.slice(start, start + 1).map((c) => `<DBCluster>${rdsXml(c)}</DBCluster>`).join('')}</DBClusters>${more ? el('Marker', String(start + 1)) : ''}`);
        }
        if (operation === 'DescribeDBInstances') {
          return queryOk(res, operation, `<DBInstances>${(o.dbInstances ?? []).map((c) => `<DBInstance>${rdsXml(c)}</DBInstance>`).join('')}</DBInstances>`);
        }
        if (operation === 'DescribeDBClusterParameters') {
          const params = o.clusterParameters?.[form.get('DBClusterParameterGroupName') ?? ''];
          if (!params) return queryError(res, 404, 'DBParameterGroupNotFound');
          if (form.get('Source') !== 'user') return fail(400, 'InvalidParameterValue');
          const px = Object.entries(params).map(([n, v]) => `<Parameter>${el('ParameterName', n)}${el('ParameterValue', v)}${el('Source', 'user')}${el('ApplyType', 'dynamic')}${el('IsModifiable', true)}</Parameter>`).join('');
          return queryOk(res, operation, `<Parameters>${px}</Parameters>`);
        }
        return fail(400, 'InvalidAction');
      }
      if (service === 'cloudtrail' || service === 'kms') {
        const ok = (o: unknown): void => send(res, 200, 'application/x-amz-json-1.1', JSON.stringify(o));
        if (operation === 'DescribeTrails') {
          if (json['includeShadowTrails'] !== true) return fail(400, 'InvalidParameterException');
          return ok({ trailList: (o.trails ?? []).map(({ isLogging: _l, ...t }) => t) });
        }
        if (operation === 'GetTrailStatus') {
          const t = (o.trails ?? []).find((x) => x.TrailARN === json['Name'] || x.Name === json['Name']);
          if (!t) return fail(400, 'TrailNotFoundException');
          return ok({ IsLogging: t.isLogging, LatestDeliveryTime: 1772445600 });
        }
        const keys = o.kmsKeys ?? [];
        const key = keys.find((k) => k.metadata.KeyId === json['KeyId'] || k.metadata.Arn === json['KeyId']);
        if (operation === 'ListKeys') {
          const start = Number(json['Marker'] ?? '0');
          const more = start + 1 < keys.length;
          return ok({ Keys: keys.slice(start, start + 1).map((k) => ({ KeyId: k.metadata.KeyId, KeyArn: k.metadata.Arn })), Truncated: more, ...(more ? { NextMarker: String(start + 1) } : {}) });
        }
        if (!key) return fail(400, 'NotFoundException');
        if (operation === 'DescribeKey') return ok({ KeyMetadata: { AWSAccountId: o.accountId, CreationDate: 1772445600, ...key.metadata } });
        if (operation === 'GetKeyRotationStatus') {
          if (!key.rotation) return fail(400, 'UnsupportedOperationException');
          return ok({ KeyId: key.metadata.Arn, RotationPeriodInDays: 365, ...key.rotation });
        }
        return fail(400, 'UnknownOperationException');
      }

      if (service === 'sts') {
        if (form.get('Action') === 'AssumeRole') {
          const arn = form.get('RoleArn') ?? '';
          const ak = keyOfRole.get(arn);
          if (ak === undefined) return fail(403, 'AccessDenied');
          const name = arn.replace(/^.*:role\//, '');
          const session = form.get('RoleSessionName') ?? '';
          const assumedArn = `arn:aws:sts::${byKey.get(ak)!.accountId}:assumed-role/${name}/${session}`;
          return queryOk(res, 'AssumeRole', `<Credentials>${el('AccessKeyId', ak)}${el('SecretAccessKey', `secret-${ak}`)}${el('SessionToken', `token-${ak}`)}${el('Expiration', new Date(Date.now() + (lifetimes.shift() ?? 3_600_000)).toISOString())}</Credentials><AssumedRoleUser>${el('AssumedRoleId', `AROAFAKE:${session}`)}${el('Arn', assumedArn)}</AssumedRoleUser>`);
        }
        if (form.get('Action') !== 'GetCallerIdentity') return fail(400, 'InvalidAction');
        return queryOk(res, 'GetCallerIdentity', `${el('Arn', o.callerArn)}${el('UserId', 'AROAEXAMPLEID:scan')}${el('Account', o.accountId)}`);
      }
      if (service === 's3') {
        const parts = url.pathname.split('/').filter(Boolean);
        if (parts.length === 0) {
          const buckets = o.buckets.map((b) => `<Bucket>${el('Name', b.name)}${el('CreationDate', '2026-03-02T10:00:00.000Z')}${el('BucketRegion', b.region)}</Bucket>`).join('');
          return xmlOk(res, `<ListAllMyBucketsResult ${S3_NS}><Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Owner><Buckets>${buckets}</Buckets></ListAllMyBucketsResult>`);
        }
        const b = o.buckets.find((x) => x.name === decodeURIComponent(parts[0]!));
        if (!b) return s3Error(res, 404, 'NoSuchBucket');
        const sub = SUBRESOURCES.find((s) => url.searchParams.has(s)) ?? '';
        return s3Answer(res, b, sub);
      }
      if (service === 'eks') {
        if (url.pathname === '/clusters') {
          // One cluster per page, so paging by nextToken is exercised.
          const start = Number(url.searchParams.get('nextToken') ?? '0');
          const page = o.clusters.slice(start, start + 1).map((c) => c.name);
          const next = start + 1 < o.clusters.length ? String(start + 1) : undefined;
          return send(res, 200, 'application/json', JSON.stringify({ clusters: page, ...(next ? { nextToken: next } : {}) }));
        }
        const m = /^\/clusters\/([^/]+)$/.exec(url.pathname);
        const c = m ? o.clusters.find((x) => x.name === decodeURIComponent(m[1]!)) : undefined;
        if (!c) return jsonError(res, 404, 'ResourceNotFoundException');
        return send(res, 200, 'application/json', JSON.stringify({ cluster: c }));
      }
      if (service === 'iam') {
        const a = iamAnswer(o.accountId, o.roles ?? [], o.iam ?? {}, form);
        return 'result' in a ? queryOk(res, operation, a.result) : fail(a.status, a.code);
      }
      return send(res, 400, 'text/plain', `unknown service ${JSON.stringify(service)}`);
    })().catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
