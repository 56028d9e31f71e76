/**
 * Live role assignments → `azure.authorization.roleAssignments`, the same fields with the same
 * meaning as the Terraform adapter (src/collectors/terraform/azure-compute.ts), through
 * `@azure/arm-authorization`: `RoleAssignments_ListForSubscription` (paged by `nextLink`; every
 * assignment that applies in the subscription, including those inherited from management
 * groups), then `RoleDefinitions_GetById` once per distinct role definition to name it. Whether
 * the principal is a workload identity (a user-assigned identity with a federated credential) is
 * joined by `markWorkloadIdentities` once the identities are read.
 *
 * Failures. The list failing is a gap on the collection (so the workload-identity rules are
 * unknown, naming `Microsoft.Authorization/roleAssignments/read`). A role definition that cannot
 * be read leaves `roleDefinitionName` unknown on the assignments using it — unless it is a
 * built-in role, whose GUID names it in every tenant. When the identities (or one identity's
 * credentials) could not be read, `principalIsWorkloadIdentity` of the service principals that
 * may be them is unknown; so is that of a service principal that is none of the subscription's
 * identities (it may be one of another subscription) — unless the scan read that subscription too.
 */
import { getContinuationToken, type AuthorizationManagementClient, type RoleAssignment as ArmRoleAssignment } from '@azure/arm-authorization';
import type { RoleAssignment, UserAssignedIdentity } from '../../model/azure-compute.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { BUILTIN_ROLES, classifyScope } from '../terraform/azure-compute.ts';
import { armCall, armList, failureReason, mapBounded, type ArmCounter } from './calls.ts';
import { azureLiveBase, sameId, setUnknown, type AzureLiveScope } from './common.ts';

export const ROLE_ASSIGNMENTS_COLLECTION = 'azure.authorization.roleAssignments';

const PERMISSION = {
  assignments: 'Microsoft.Authorization/roleAssignments/read',
  definitions: 'Microsoft.Authorization/roleDefinitions/read',
} as const;

const GUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

export function roleAssignmentOf(r: ArmRoleAssignment, scope: AzureLiveScope): RoleAssignment {
  const id = r.id ?? '';
  const at = r.scope ?? '';
  const cls = classifyScope(at);
  const a: RoleAssignment = {
    ...azureLiveBase(scope, 'RoleAssignment', r.name ?? id, id),
    kind: 'RoleAssignment', scope: at, scopeType: cls?.scopeType ?? '', scopeResourceType: cls?.resourceType ?? '', scopeAddress: '',
    roleDefinitionId: r.roleDefinitionId ?? '', roleDefinitionName: '',
    principalId: r.principalId ?? '', principalType: r.principalType ?? '', principalAddress: '', principalIsWorkloadIdentity: false,
  };
  if (cls === null) setUnknown(a, 'scopeType', `role assignment ${id}: scope ${JSON.stringify(at)} is not an ARM scope oobguard can classify`);
  return a;
}

export async function collectRoleAssignments(
  client: AuthorizationManagementClient, scope: AzureLiveScope, counter: ArmCounter, concurrency: number,
): Promise<{ roleAssignments: RoleAssignment[]; gaps: CoverageGap[] }> {
  const listed = await armList(counter, () => client.roleAssignments.listForSubscription().byPage(), getContinuationToken);
  if (!listed.ok) {
    return { roleAssignments: [], gaps: [{ collection: ROLE_ASSIGNMENTS_COLLECTION, scope: scope.subscriptionId, api: 'RoleAssignments_ListForSubscription', error: listed.error, permission: PERMISSION.assignments }] };
  }
  const roleAssignments = listed.value.map((r) => roleAssignmentOf(r, scope));
  // Each role definition is read once, however many assignments use it.
  const ids = [...new Map(roleAssignments.filter((a) => a.roleDefinitionId !== '').map((a) => [a.roleDefinitionId.toLowerCase(), a.roleDefinitionId])).values()];
  const names = new Map<string, { name: string } | { why: string }>();
  await mapBounded(ids, concurrency, async (roleId) => {
    // The SDK's URL template is `{$host}/{roleId}`: a leading slash would make the path protocol-relative.
    const got = await armCall(counter, () => client.roleDefinitions.getById(roleId.replace(/^\/+/, '')));
    const builtin = BUILTIN_ROLES[GUID.exec(roleId)?.[1]?.toLowerCase() ?? ''];
    names.set(roleId.toLowerCase(), got.ok && (got.value.roleName ?? '') !== '' ? { name: got.value.roleName! }
      : builtin !== undefined ? { name: builtin }
        : { why: got.ok ? `RoleDefinitions_GetById of ${roleId} returned no roleName` : failureReason(`RoleDefinitions_GetById of ${roleId}`, PERMISSION.definitions, got) });
  });
  for (const a of roleAssignments) {
    const n = names.get(a.roleDefinitionId.toLowerCase());
    if (n === undefined) setUnknown(a, 'roleDefinitionName', `role assignment ${a.resourceId} names no role definition`);
    else if ('name' in n) a.roleDefinitionName = n.name;
    else setUnknown(a, 'roleDefinitionName', n.why);
  }
  return { roleAssignments, gaps: [] };
}

/** Principal types that cannot be a managed identity (managed identities are service principals). */
const NOT_MANAGED_IDENTITY = new Set(['user', 'group', 'foreigngroup', 'device']);

/**
 * `principalIsWorkloadIdentity`: the principal is a user-assigned identity with at least one
 * federated credential. `identitiesWhy` is why the subscription's identities could not be listed
 * (null when they were).
 *
 * How a principal that is none of the subscription's identities is decided: ARM says only its
 * `principalType`. A `User`, `Group`, `ForeignGroup` or `Device` is no managed identity: not a
 * workload identity. A `ServicePrincipal` (or no type) may be an app's service principal, a
 * system-assigned identity — or a user-assigned identity kept in another subscription (a shared
 * identity subscription), federated credentials and all: unknown, saying so, until
 * `joinAcrossSubscriptions` finds it among the identities of another subscription of the scan.
 */
export function markWorkloadIdentities(assignments: readonly RoleAssignment[], identities: readonly UserAssignedIdentity[], identitiesWhy: string | null, subscriptionId: string): void {
  for (const a of assignments) {
    const identity = identities.find((i) => sameId(i.principalId, a.principalId));
    const credsWhy = identity?.unknown?.['federatedCredentials'];
    a.principalIsWorkloadIdentity = false;
    if (identity && credsWhy === undefined) a.principalIsWorkloadIdentity = identity.federatedCredentials.length > 0;
    else if (credsWhy !== undefined) setUnknown(a, 'principalIsWorkloadIdentity', `principal ${a.principalId} is identity ${identity!.name}, whose federated credentials could not be read: ${credsWhy}`);
    else if (NOT_MANAGED_IDENTITY.has(a.principalType.toLowerCase())) continue;
    else if (identitiesWhy !== null) {
      setUnknown(a, 'principalIsWorkloadIdentity', `principal ${a.principalId} may be a user-assigned identity, and the identities could not be read: ${identitiesWhy}`);
    } else {
      setUnknown(a, 'principalIsWorkloadIdentity', `principal ${a.principalId} (${a.principalType || 'no principalType'}) is not a user-assigned identity of subscription ${subscriptionId}: it may be one of another subscription (a shared identity subscription) with a federated credential; scan that subscription too to judge it`);
    }
  }
}

/**
 * Across the subscriptions of one scan: an assignment whose principal could not be told apart is
 * judged by the user-assigned identity of another scanned subscription that has its principal id
 * (when that identity's federated credentials were read).
 */
export function joinAcrossSubscriptions(assignments: readonly RoleAssignment[], identities: readonly UserAssignedIdentity[]): void {
  for (const a of assignments) {
    if (a.unknown?.['principalIsWorkloadIdentity'] === undefined) continue;
    const identity = identities.find((i) => sameId(i.principalId, a.principalId) && i.unknown?.['federatedCredentials'] === undefined);
    if (identity === undefined) continue;
    a.principalIsWorkloadIdentity = identity.federatedCredentials.length > 0;
    delete a.unknown['principalIsWorkloadIdentity'];
  }
}
