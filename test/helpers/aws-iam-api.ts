/**
 * The IAM part of the local AWS server (aws-api-server.ts): awsQuery actions answered with the
 * XML `…Result` bodies IAM sends, policy documents URL-encoded as IAM returns them, `Marker` /
 * `IsTruncated` paging (opaque markers, `pageSize` items a page unless the client sends
 * `MaxItems`), and `NoSuchEntity` where IAM answers it (a user without a console password).
 *
 * - `GetAccountAuthorizationDetails` (honours `Filter.member.N`): roles, users, groups and
 *   customer-managed policies with every version, interleaved across pages as IAM does.
 * - `GetLoginProfile`, `ListAccessKeys`, `GetAccessKeyLastUsed`, `ListMFADevices` per user;
 *   `ListOpenIDConnectProviders`, `GetOpenIDConnectProvider`; `GetAccountSummary`.
 */
import { el } from './xml.ts';

/** A role (GAAD `RoleDetailList` member). */
export interface FakeRole {
  RoleName: string;
  Path?: string;
  RoleId?: string;
  /** Trust policy; served URL-encoded. */
  trust: Record<string, unknown>;
  attached?: { PolicyName: string; PolicyArn: string }[];
  inline?: Record<string, Record<string, unknown>>;
  permissionsBoundary?: string;
  tags?: Record<string, string>;
}

export interface FakeIamUser {
  UserName: string;
  Path?: string;
  groups?: string[];
  attached?: { PolicyName: string; PolicyArn: string }[];
  inline?: Record<string, Record<string, unknown>>;
  /** Absent: GetLoginProfile answers 404 NoSuchEntity (no console password). */
  loginProfile?: { PasswordResetRequired: boolean };
  /** `lastUsed` absent: never used (IAM answers `N/A` and no date). */
  accessKeys?: { AccessKeyId: string; Status: 'Active' | 'Inactive'; CreateDate: string; lastUsed?: string }[];
  /** MFA device serial numbers. */
  mfa?: string[];
}

export interface FakeIamGroup {
  GroupName: string;
  attached?: { PolicyName: string; PolicyArn: string }[];
  inline?: Record<string, Record<string, unknown>>;
}

/** A customer-managed policy; the last of `versions` is the default. */
export interface FakeIamPolicy {
  PolicyName: string;
  Path?: string;
  versions: Record<string, unknown>[];
}

export interface FakeIam {
  users?: FakeIamUser[];
  groups?: FakeIamGroup[];
  policies?: FakeIamPolicy[];
  /** OIDC provider issuer host paths (no scheme) with their client ids and thumbprints. */
  oidcProviders?: { url: string; clientIds: string[]; thumbprints: string[] }[];
  /** GetAccountSummary's SummaryMap (default: root MFA on, no root keys, a root password). */
  summary?: Record<string, number>;
  /** Items a page for GAAD, ListAccessKeys and ListMFADevices when the client sends no MaxItems (IAM: 100). */
  pageSize?: number;
}

/** What the server does with an IAM request: a `…Result` body, or an error. */
export type IamAnswer = { result: string } | { status: number; code: string };

const CREATED = '2026-03-02T10:00:00Z';
const enc = (doc: Record<string, unknown>): string => encodeURIComponent(JSON.stringify(doc));
const id = (prefix: string, name: string): string => `${prefix}${name.toUpperCase().replace(/[^A-Z0-9]/g, '').padEnd(17, 'X').slice(0, 17)}`;
const members = (list: string[]): string => list.map((x) => `<member>${x}</member>`).join('');
const policyList = (inline: Record<string, Record<string, unknown>> | undefined): string =>
  members(Object.entries(inline ?? {}).map(([n, d]) => `${el('PolicyName', n)}${el('PolicyDocument', enc(d))}`));
const attachedList = (a: { PolicyName: string; PolicyArn: string }[] | undefined): string =>
  members((a ?? []).map((p) => `${el('PolicyName', p.PolicyName)}${el('PolicyArn', p.PolicyArn)}`));
const marker = (start: number): string => Buffer.from(`oobguard-fake-marker:${start}`).toString('base64');
const startOf = (m: string | null): number => (m === null ? 0 : Number(Buffer.from(m, 'base64').toString('utf8').split(':')[1] ?? 'NaN'));

/** One page of `items`: the slice, and the IsTruncated/Marker elements. */
function page<T>(items: readonly T[], form: URLSearchParams, size: number): { slice: T[]; tail: string } | null {
  const start = startOf(form.get('Marker'));
  if (!Number.isInteger(start) || start < 0) return null;
  const n = Number(form.get('MaxItems') ?? size);
  const more = start + n < items.length;
  return { slice: items.slice(start, start + n), tail: `${el('IsTruncated', more)}${more ? el('Marker', marker(start + n)) : ''}` };
}

export function iamAnswer(accountId: string, roles: readonly FakeRole[], iam: FakeIam, form: URLSearchParams): IamAnswer {
  const action = form.get('Action') ?? '';
  const size = iam.pageSize ?? 100;
  const arn = (type: string, path: string | undefined, name: string): string => `arn:aws:iam::${accountId}:${type}${path ?? '/'}${name}`;
  const user = (iam.users ?? []).find((u) => u.UserName === form.get('UserName'));
  switch (action) {
    case 'GetAccountAuthorizationDetails': {
      const filter = [...form.entries()].filter(([k]) => /^Filter\.member\.\d+$/.test(k)).map(([, v]) => v);
      const wants = (t: string): boolean => filter.length === 0 || filter.includes(t);
      const items: { list: string; xml: string }[] = [];
      if (wants('User')) {
        for (const u of iam.users ?? []) {
          items.push({ list: 'UserDetailList', xml: `<GroupList>${(u.groups ?? []).map((g) => el('member', g)).join('')}</GroupList><AttachedManagedPolicies>${attachedList(u.attached)}</AttachedManagedPolicies>${el('UserId', id('AIDA', u.UserName))}${el('Path', u.Path ?? '/')}${el('UserName', u.UserName)}${el('Arn', arn('user', u.Path, u.UserName))}${el('CreateDate', CREATED)}<UserPolicyList>${policyList(u.inline)}</UserPolicyList>` });
        }
      }
      if (wants('Group')) {
        for (const g of iam.groups ?? []) {
          items.push({ list: 'GroupDetailList', xml: `${el('GroupId', id('AGPA', g.GroupName))}<AttachedManagedPolicies>${attachedList(g.attached)}</AttachedManagedPolicies>${el('GroupName', g.GroupName)}${el('Path', '/')}${el('Arn', arn('group', '/', g.GroupName))}${el('CreateDate', CREATED)}<GroupPolicyList>${policyList(g.inline)}</GroupPolicyList>` });
        }
      }
      if (wants('Role')) {
        for (const r of roles) {
          const boundary = r.permissionsBoundary ? `<PermissionsBoundary>${el('PermissionsBoundaryType', 'Policy')}${el('PermissionsBoundaryArn', r.permissionsBoundary)}</PermissionsBoundary>` : '';
          const tags = Object.entries(r.tags ?? {}).map(([k, v]) => `${el('Key', k)}${el('Value', v)}`);
          items.push({ list: 'RoleDetailList', xml: `<RolePolicyList>${policyList(r.inline)}</RolePolicyList><AttachedManagedPolicies>${attachedList(r.attached)}</AttachedManagedPolicies><InstanceProfileList/>${el('RoleId', r.RoleId ?? id('AROA', r.RoleName))}${el('Path', r.Path ?? '/')}${el('RoleName', r.RoleName)}${el('Arn', arn('role', r.Path, r.RoleName))}${el('CreateDate', CREATED)}${el('AssumeRolePolicyDocument', enc(r.trust))}${boundary}<Tags>${members(tags)}</Tags><RoleLastUsed/>` });
        }
      }
      if (wants('LocalManagedPolicy')) {
        for (const p of iam.policies ?? []) {
          const def = `v${p.versions.length}`;
          const versions = members(p.versions.map((d, i) => `${el('Document', enc(d))}${el('IsDefaultVersion', `v${i + 1}` === def)}${el('VersionId', `v${i + 1}`)}${el('CreateDate', CREATED)}`));
          items.push({ list: 'Policies', xml: `${el('PolicyName', p.PolicyName)}${el('DefaultVersionId', def)}${el('PolicyId', id('ANPA', p.PolicyName))}${el('Path', p.Path ?? '/')}<PolicyVersionList>${versions}</PolicyVersionList>${el('Arn', arn('policy', p.Path, p.PolicyName))}${el('AttachmentCount', 1)}${el('CreateDate', CREATED)}${el('IsAttachable', true)}${el('UpdateDate', CREATED)}` });
        }
      }
      const pg = page(items, form, size);
      if (pg === null) return { status: 400, code: 'InvalidInput' };
      const lists = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'].map((l) => `<${l}>${members(pg.slice.filter((x) => x.list === l).map((x) => x.xml))}</${l}>`);
      return { result: `${pg.tail}${lists.join('')}` };
    }
    case 'GetLoginProfile':
      if (!user) return { status: 404, code: 'NoSuchEntity' };
      if (!user.loginProfile) return { status: 404, code: 'NoSuchEntity' };
      return { result: `<LoginProfile>${el('PasswordResetRequired', user.loginProfile.PasswordResetRequired)}${el('UserName', user.UserName)}${el('CreateDate', CREATED)}</LoginProfile>` };
    case 'ListAccessKeys': {
      if (!user) return { status: 404, code: 'NoSuchEntity' };
      const pg = page(user.accessKeys ?? [], form, size);
      if (pg === null) return { status: 400, code: 'InvalidInput' };
      return { result: `${el('UserName', user.UserName)}<AccessKeyMetadata>${members(pg.slice.map((k) => `${el('UserName', user.UserName)}${el('AccessKeyId', k.AccessKeyId)}${el('Status', k.Status)}${el('CreateDate', k.CreateDate)}`))}</AccessKeyMetadata>${pg.tail}` };
    }
    case 'GetAccessKeyLastUsed': {
      const owner = (iam.users ?? []).find((u) => (u.accessKeys ?? []).some((k) => k.AccessKeyId === form.get('AccessKeyId')));
      const key = owner?.accessKeys?.find((k) => k.AccessKeyId === form.get('AccessKeyId'));
      if (!owner || !key) return { status: 403, code: 'AccessDenied' }; // IAM answers an unknown key id like a key of another account
      const used = key.lastUsed ? `${el('LastUsedDate', key.lastUsed)}${el('ServiceName', 's3')}${el('Region', 'eu-central-1')}` : `${el('ServiceName', 'N/A')}${el('Region', 'N/A')}`;
      return { result: `${el('UserName', owner.UserName)}<AccessKeyLastUsed>${used}</AccessKeyLastUsed>` };
    }
    case 'ListMFADevices': {
      if (!user) return { status: 404, code: 'NoSuchEntity' };
      const pg = page(user.mfa ?? [], form, size);
      if (pg === null) return { status: 400, code: 'InvalidInput' };
      return { result: `<MFADevices>${members(pg.slice.map((s) => `${el('UserName', user.UserName)}${el('SerialNumber', s)}${el('EnableDate', CREATED)}`))}</MFADevices>${pg.tail}` };
    }
    case 'ListOpenIDConnectProviders':
      return { result: `<OpenIDConnectProviderList>${members((iam.oidcProviders ?? []).map((p) => el('Arn', `arn:aws:iam::${accountId}:oidc-provider/${p.url}`)))}</OpenIDConnectProviderList>` };
    case 'GetOpenIDConnectProvider': {
      const p = (iam.oidcProviders ?? []).find((x) => `arn:aws:iam::${accountId}:oidc-provider/${x.url}` === form.get('OpenIDConnectProviderArn'));
      if (!p) return { status: 404, code: 'NoSuchEntity' };
      return { result: `<ThumbprintList>${p.thumbprints.map((t) => el('member', t)).join('')}</ThumbprintList>${el('CreateDate', CREATED)}<ClientIDList>${p.clientIds.map((c) => el('member', c)).join('')}</ClientIDList>${el('Url', p.url)}<Tags/>` };
    }
    case 'GetAccountSummary': {
      const map = { Users: (iam.users ?? []).length, Roles: roles.length, AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, AccountPasswordPresent: 1, AccountSigningCertificatesPresent: 0, ...iam.summary };
      return { result: `<SummaryMap>${Object.entries(map).map(([k, v]) => `<entry>${el('key', k)}${el('value', v)}</entry>`).join('')}</SummaryMap>` };
    }
    default:
      return { status: 400, code: 'InvalidAction' };
  }
}
