/**
 * Live IAM → `aws.iam.{roles,policies,users,oidcProviders,accountSummaries}` (fields as in
 * src/model/aws-identity.ts). IAM is global: read once per account.
 *
 * - `GetAccountAuthorizationDetails` (Filter Role, User, Group, LocalManagedPolicy; paged by
 *   `Marker`/`IsTruncated`): every role with its trust policy, inline and attached policies and
 *   permissions boundary; every user with inline, attached and group policies; every
 *   customer-managed policy with its versions (the default one is the document). Documents come
 *   URL-encoded, as IAM returns them. AWS managed policies are named, not read (their documents are
 *   AWS's, `null` as in the Terraform model).
 * - Per user: `GetLoginProfile` (`NoSuchEntity` = no console password, an answer), `ListAccessKeys`
 *   (paged) and `GetAccessKeyLastUsed` per key, `ListMFADevices` (paged).
 * - `ListOpenIDConnectProviders` + `GetOpenIDConnectProvider` each; `GetAccountSummary` (the root
 *   user's MFA, password and access keys).
 * - Roles' IRSA trusts (`webIdentity`) and trusted services are derived by the same function as the
 *   Terraform adapter's (linkWebIdentity), once the account's EKS clusters are read (collect.ts).
 *
 * Failures. `GetAccountAuthorizationDetails` failing on any page hides roles, users and policies:
 * a gap on each (a partial listing would judge users without their group policies). The OIDC
 * listing or the account summary failing: a gap on that collection. A per-object call failing:
 * `unknown` on that field of that object, naming the API, the error and the IAM action.
 */
import {
  GetAccessKeyLastUsedCommand, GetAccountAuthorizationDetailsCommand, GetAccountSummaryCommand, GetLoginProfileCommand,
  GetOpenIDConnectProviderCommand, ListAccessKeysCommand, ListMFADevicesCommand, ListOpenIDConnectProvidersCommand,
  type AccessKeyMetadata, type AttachedPolicy, type GetAccountAuthorizationDetailsResponse, type IAMClient, type PolicyDetail,
} from '@aws-sdk/client-iam';
import type { PolicyDocument } from '../../model/cloud.ts';
import type { AwsIdentityCollections, IamAccessKey, IamAccountSummary, IamAttachedPolicy, IamOidcProvider, IamPolicy, IamRole, IamUser } from '../../model/aws-identity.ts';
import { arnParts } from '../../model/functions/iam-analysis.ts';
import { parsePolicy } from '../../model/functions/iam.ts';
import { setUnknown } from '../../model/provenance.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { call, callOrAbsent, mapBounded, paged, type CallCounter, type Outcome } from './calls.ts';
import { failedBecause, gap, liveBase, tagsOf, type LiveScope } from './common.ts';

export const IAM_COLLECTIONS = ['aws.iam.roles', 'aws.iam.policies', 'aws.iam.users', 'aws.iam.oidcProviders', 'aws.iam.accountSummaries'] as const;
/** What `GetAccountAuthorizationDetails` feeds. */
const DETAILS_COLLECTIONS = ['aws.iam.roles', 'aws.iam.policies', 'aws.iam.users'] as const;
const NO_SUCH_ENTITY = ['NoSuchEntityException', 'NoSuchEntity'];

export interface IamResult {
  iam: AwsIdentityCollections['iam'];
  gaps: CoverageGap[];
}

type Details = { [K in 'RoleDetailList' | 'UserDetailList' | 'GroupDetailList' | 'Policies']: NonNullable<GetAccountAuthorizationDetailsResponse[K]> };
type Unknowns = { unknown?: Record<string, string> };

/** An IAM policy document as the API returns it (URL-encoded JSON), parsed; null when it is not one. */
function iamDocument(text: string | undefined): PolicyDocument | null {
  if (text === undefined || text === '') return null;
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // Not URL-encoded after all: parse it as it is.
  }
  return parsePolicy(decoded);
}

function iso(d: Date | undefined): string {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : '';
}

/** Every page of an IAM listing (`Marker` while `IsTruncated`), or the first failure. */
async function allPages<P extends { IsTruncated?: boolean | undefined; Marker?: string | undefined }>(counter: CallCounter, fetch: (marker: string | undefined) => Promise<P>): Promise<Outcome<P[]>> {
  return paged(counter, async (m) => {
    const p = await fetch(m);
    return { items: [p], next: p.IsTruncated === true ? p.Marker : undefined };
  });
}

const withMarker = (m: string | undefined): { Marker?: string } => (m !== undefined ? { Marker: m } : {});

/** Every role, user, group and customer-managed policy, from all pages of `GetAccountAuthorizationDetails`. */
async function readDetails(iam: IAMClient, counter: CallCounter): Promise<Outcome<Details>> {
  const pages = await allPages(counter, (m) => iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role', 'User', 'Group', 'LocalManagedPolicy'], ...withMarker(m) })));
  if (!pages.ok) return pages;
  return {
    ok: true,
    value: {
      RoleDetailList: pages.value.flatMap((p) => p.RoleDetailList ?? []), UserDetailList: pages.value.flatMap((p) => p.UserDetailList ?? []),
      GroupDetailList: pages.value.flatMap((p) => p.GroupDetailList ?? []), Policies: pages.value.flatMap((p) => p.Policies ?? []),
    },
  };
}

export async function collectIam(iam: IAMClient, scope: LiveScope, counter: CallCounter, concurrency: number): Promise<IamResult> {
  const result: IamResult = { iam: { roles: [], policies: [], oidcProviders: [], users: [], accountSummaries: [] }, gaps: [] };
  const placement = { region: scope.region, accountIds: [scope.accountId] };
  const [details, oidc, summary] = await Promise.all([
    readDetails(iam, counter),
    collectOidcProviders(iam, scope, counter, Math.max(1, Math.floor(concurrency / 2)), placement),
    call(counter, () => iam.send(new GetAccountSummaryCommand({}))),
  ]);

  if (oidc.gap) result.gaps.push(oidc.gap);
  result.iam.oidcProviders = oidc.providers;

  const rootArn = `arn:${scope.partition}:iam::${scope.accountId}:root`;
  if (summary.ok) {
    const map = summary.value.SummaryMap ?? {};
    const s: IamAccountSummary = {
      ...liveBase(scope, 'IamAccountSummary', scope.accountId, rootArn), kind: 'IamAccountSummary', accountId: scope.accountId,
      accountMfaEnabled: map.AccountMFAEnabled === 1, accountAccessKeysPresent: map.AccountAccessKeysPresent === 1,
      accountPasswordPresent: map.AccountPasswordPresent !== 0,
    };
    // A summary without AccountPasswordPresent (older answers) reads as "a password exists": the stricter reading.
    for (const [field, key] of [['accountMfaEnabled', 'AccountMFAEnabled'], ['accountAccessKeysPresent', 'AccountAccessKeysPresent']] as const) {
      if (map[key] === undefined) setUnknown(s, field, `IAM:GetAccountSummary returned no ${key} for account ${scope.accountId}`);
    }
    result.iam.accountSummaries.push(s);
  } else {
    result.gaps.push(gap('aws.iam.accountSummaries', '', 'IAM:GetAccountSummary', summary.error));
  }

  if (!details.ok) {
    for (const collection of DETAILS_COLLECTIONS) {
      result.gaps.push(gap(collection, '', 'IAM:GetAccountAuthorizationDetails', details.error));
    }
    return result;
  }
  const d = details.value;

  // Customer-managed policies: the default version's document.
  const documents = new Map<string, PolicyDocument | null>();
  for (const p of d.Policies) {
    const arn = p.Arn ?? '';
    const version = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion === true || (p.DefaultVersionId !== undefined && v.VersionId === p.DefaultVersionId));
    const document = iamDocument(version?.Document);
    documents.set(arn, document);
    const o: IamPolicy = {
      ...liveBase(scope, 'IamPolicy', p.PolicyName ?? arn, arn), kind: 'IamPolicy', ...placement,
      policyName: p.PolicyName ?? '', path: p.Path ?? '/', arn, document, attachedTo: [],
    };
    if (document === null) setUnknown(o, 'document', `IAM:GetAccountAuthorizationDetails returned no readable default version (${p.DefaultVersionId ?? 'none'}) of policy ${arn}`);
    result.iam.policies.push(o);
  }
  const attachTo = (arn: string, type: 'role' | 'user' | 'group', name: string): void => {
    const p = result.iam.policies.find((x) => x.arn === arn);
    if (p && !p.attachedTo.some((a) => a.type === type && a.name === name)) p.attachedTo.push({ type, name });
  };

  /** The permission policies of a role, user or group, with unknowns for documents that cannot be read. */
  const policiesOf = (owner: Unknowns, inline: PolicyDetail[] | undefined, attached: AttachedPolicy[] | undefined, viaGroup: string, offset: number): IamAttachedPolicy[] => {
    const out: IamAttachedPolicy[] = [];
    for (const ip of inline ?? []) {
      const document = iamDocument(ip.PolicyDocument);
      if (document === null) setUnknown(owner, `policies[${offset + out.length}].document`, `inline policy ${ip.PolicyName ?? ''}: IAM:GetAccountAuthorizationDetails returned no readable document`);
      out.push({ type: 'inline', policyName: ip.PolicyName ?? '', policyArn: '', awsManaged: false, document, address: '', policyAddress: '', viaGroup });
    }
    for (const ap of attached ?? []) {
      const arn = ap.PolicyArn ?? '';
      const awsManaged = arnParts(arn).account === 'aws';
      const document = awsManaged ? null : documents.get(arn) ?? null;
      if (!awsManaged && !documents.has(arn)) setUnknown(owner, `policies[${offset + out.length}].document`, `policy ${arn} was not among the customer-managed policies IAM:GetAccountAuthorizationDetails returned`);
      out.push({ type: 'managed', policyName: ap.PolicyName ?? arnParts(arn).resourceName, policyArn: arn, awsManaged, document, address: '', policyAddress: '', viaGroup });
    }
    return out;
  };

  for (const r of d.RoleDetailList) {
    const roleName = r.RoleName ?? '';
    const arn = r.Arn ?? `arn:${scope.partition}:iam::${scope.accountId}:role${r.Path ?? '/'}${roleName}`;
    const o: IamRole = {
      ...liveBase(scope, 'IamRole', roleName, arn, tagsOf(r.Tags)), kind: 'IamRole', ...placement,
      roleName, path: r.Path ?? '/', arn, assumeRolePolicy: iamDocument(r.AssumeRolePolicyDocument), policies: [], attachedPolicyArns: [],
      permissionsBoundary: r.PermissionsBoundary?.PermissionsBoundaryArn ?? '',
      webIdentity: [], trustedServices: [], nodeGroups: [], serviceAccounts: [], mattermostFileStore: false, fileStoreBuckets: [],
      velero: false, backupBuckets: [], kmsKeys: [],
    };
    if (o.assumeRolePolicy === null) setUnknown(o, 'assumeRolePolicy', `IAM:GetAccountAuthorizationDetails returned no readable trust policy for role ${arn}`);
    o.policies = policiesOf(o, r.RolePolicyList, r.AttachedManagedPolicies, '', 0);
    o.attachedPolicyArns = o.policies.filter((p) => p.type === 'managed').map((p) => p.policyArn);
    for (const a of o.attachedPolicyArns) attachTo(a, 'role', roleName);
    result.iam.roles.push(o);
  }

  const groups = new Map(d.GroupDetailList.map((g) => [g.GroupName ?? '', g]));
  for (const g of d.GroupDetailList) for (const a of g.AttachedManagedPolicies ?? []) attachTo(a.PolicyArn ?? '', 'group', g.GroupName ?? '');
  for (const u of d.UserDetailList) {
    const userName = u.UserName ?? '';
    const arn = u.Arn ?? `arn:${scope.partition}:iam::${scope.accountId}:user${u.Path ?? '/'}${userName}`;
    const o: IamUser = {
      ...liveBase(scope, 'IamUser', userName, arn, tagsOf(u.Tags)), kind: 'IamUser', ...placement,
      userName, path: u.Path ?? '/', arn, loginProfile: null, accessKeys: [], mfaDevices: [], groups: [...(u.GroupList ?? [])], policies: [],
    };
    o.policies = policiesOf(o, u.UserPolicyList, u.AttachedManagedPolicies, '', 0);
    for (const a of u.AttachedManagedPolicies ?? []) attachTo(a.PolicyArn ?? '', 'user', userName);
    for (const name of o.groups) {
      const g = groups.get(name);
      if (g === undefined) { setUnknown(o, 'policies', `group ${name} of user ${userName} was not among the groups IAM:GetAccountAuthorizationDetails returned`); continue; }
      o.policies.push(...policiesOf(o, g.GroupPolicyList, g.AttachedManagedPolicies, name, o.policies.length));
    }
    result.iam.users.push(o);
  }

  // Per user: console password, access keys (and their last use), MFA devices — one task each, bounded together.
  const tasks = result.iam.users.flatMap((u) => [() => readLoginProfile(iam, u, counter), () => readAccessKeys(iam, u, counter), () => readMfaDevices(iam, u, counter)]);
  await mapBounded(tasks, concurrency, (t) => t());
  return result;
}

async function readLoginProfile(iam: IAMClient, u: IamUser, counter: CallCounter): Promise<void> {
  const r = await callOrAbsent(counter, NO_SUCH_ENTITY, () => iam.send(new GetLoginProfileCommand({ UserName: u.userName })));
  if (!r.ok) { setUnknown(u, 'loginProfile', failedBecause('IAM:GetLoginProfile', u.userName, r.error)); return; }
  u.loginProfile = r.value === null ? null : { passwordResetRequired: r.value.LoginProfile?.PasswordResetRequired === true, address: '' };
}

async function readAccessKeys(iam: IAMClient, u: IamUser, counter: CallCounter): Promise<void> {
  const pages = await allPages(counter, (m) => iam.send(new ListAccessKeysCommand({ UserName: u.userName, ...withMarker(m) })));
  if (!pages.ok) { setUnknown(u, 'accessKeys', failedBecause('IAM:ListAccessKeys', u.userName, pages.error)); return; }
  const keys = pages.value.flatMap((p) => p.AccessKeyMetadata ?? []);
  u.accessKeys = keys.map((k: AccessKeyMetadata): IamAccessKey => ({
    status: k.Status ?? '', address: '', keyIdSuffix: (k.AccessKeyId ?? '').slice(-4), createDate: iso(k.CreateDate), lastUsedDate: '',
  }));
  await Promise.all(keys.map(async (k, i) => {
    const used = await call(counter, () => iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k.AccessKeyId ?? '' })));
    // Never named whole: the key is told by its last four characters.
    if (!used.ok) setUnknown(u, `accessKeys[${i}].lastUsedDate`, failedBecause('IAM:GetAccessKeyLastUsed', `(key …${u.accessKeys[i]!.keyIdSuffix} of ${u.userName})`, used.error));
    else u.accessKeys[i]!.lastUsedDate = iso(used.value.AccessKeyLastUsed?.LastUsedDate);
  }));
}

async function readMfaDevices(iam: IAMClient, u: IamUser, counter: CallCounter): Promise<void> {
  const pages = await allPages(counter, (m) => iam.send(new ListMFADevicesCommand({ UserName: u.userName, ...withMarker(m) })));
  if (!pages.ok) { setUnknown(u, 'mfaDevices', failedBecause('IAM:ListMFADevices', u.userName, pages.error)); return; }
  u.mfaDevices = pages.value.flatMap((p) => p.MFADevices ?? []).map((x) => x.SerialNumber ?? '').filter((x) => x !== '');
}

/** `ListOpenIDConnectProviders` and `GetOpenIDConnectProvider` each (the issuer is also in the ARN, so it survives a failed Get). */
async function collectOidcProviders(iam: IAMClient, scope: LiveScope, counter: CallCounter, concurrency: number, placement: { region: string; accountIds: string[] }): Promise<{ providers: IamOidcProvider[]; gap: CoverageGap | null }> {
  const list = await call(counter, () => iam.send(new ListOpenIDConnectProvidersCommand({})));
  if (!list.ok) return { providers: [], gap: gap('aws.iam.oidcProviders', '', 'IAM:ListOpenIDConnectProviders', list.error) };
  const arns = (list.value.OpenIDConnectProviderList ?? []).map((p) => p.Arn ?? '').filter((a) => a !== '');
  const providers = await mapBounded(arns, concurrency, async (arn): Promise<IamOidcProvider> => {
    const o: IamOidcProvider = {
      ...liveBase(scope, 'IamOidcProvider', arnParts(arn).resourceId, arn), kind: 'IamOidcProvider', ...placement,
      arn, url: arnParts(arn).resourceId, clientIDList: [], thumbprintList: [], cluster: '',
    };
    const r = await call(counter, () => iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })));
    if (!r.ok) {
      const why = failedBecause('IAM:GetOpenIDConnectProvider', arn, r.error);
      setUnknown(o, 'clientIDList', why);
      setUnknown(o, 'thumbprintList', why);
      return o;
    }
    o.url = (r.value.Url ?? o.url).replace(/^https:\/\//, '');
    o.clientIDList = r.value.ClientIDList ?? [];
    o.thumbprintList = r.value.ThumbprintList ?? [];
    o.tags = tagsOf(r.value.Tags);
    return o;
  });
  return { providers, gap: null };
}
