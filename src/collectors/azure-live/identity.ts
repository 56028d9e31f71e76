/**
 * Live user-assigned managed identities → `azure.identity.userAssigned` and their federated
 * identity credentials → `azure.identity.federatedCredentials`, the same fields with the same
 * meaning as the Terraform adapter (src/collectors/terraform/azure-compute.ts), through
 * `@azure/arm-msi`: `UserAssignedIdentities_ListBySubscription` (paged by `nextLink`), then per
 * identity `FederatedIdentityCredentials_List` (paged). The joins the rules need — the identity's
 * client id on each credential, the AKS cluster whose OIDC issuer a credential trusts — run in
 * `joinIssuers` once the clusters are read.
 *
 * Failures. The identity list failing is a gap on both collections; one identity's credential
 * list failing is a gap on `azure.identity.federatedCredentials` naming the identity, and makes
 * that identity's `federatedCredentials` unknown (so whether it is a workload identity is too).
 */
import { getContinuationToken, type FederatedIdentityCredential as ArmFederatedCredential, type Identity, type ManagedServiceIdentityClient } from '@azure/arm-msi';
import type { AksCluster, FederatedIdentityCredential, UserAssignedIdentity } from '../../model/azure-compute.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { sameIssuer } from '../terraform/azure-compute.ts';
import { listWithChildren, type ArmCounter } from './calls.ts';
import { azureLiveBase, resourceGroupOf, setUnknown, type AzureLiveScope } from './common.ts';

export const IDENTITIES_COLLECTION = 'azure.identity.userAssigned';
export const FEDERATED_COLLECTION = 'azure.identity.federatedCredentials';

const PERMISSION = {
  identities: 'Microsoft.ManagedIdentity/userAssignedIdentities/read',
  federated: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read',
} as const;

const SA_SUBJECT = /^system:serviceaccount:([^:]+):([^:]+)$/;

export function identityOf(i: Identity, scope: AzureLiveScope): UserAssignedIdentity {
  const id = i.id ?? '';
  return {
    ...azureLiveBase(scope, 'UserAssignedIdentity', i.name ?? id, id, { ...(i.tags ?? {}) }),
    kind: 'UserAssignedIdentity', resourceGroup: resourceGroupOf(id), location: i.location,
    clientId: i.clientId ?? '', principalId: i.principalId ?? '', tenantId: i.tenantId ?? '', federatedCredentials: [],
  };
}

export function federatedCredentialOf(f: ArmFederatedCredential, identity: UserAssignedIdentity, scope: AzureLiveScope): FederatedIdentityCredential {
  const id = f.id ?? '';
  const subject = f.subject ?? '';
  const sa = SA_SUBJECT.exec(subject);
  return {
    ...azureLiveBase(scope, 'FederatedIdentityCredential', f.name ?? id, id),
    kind: 'FederatedIdentityCredential', issuer: f.issuer ?? '', subject, audiences: [...(f.audiences ?? [])],
    parentId: identity.resourceId, parentAddress: '',
    serviceAccountNamespace: sa?.[1] ?? '', serviceAccountName: sa?.[2] ?? '',
    identityClientId: identity.clientId, issuerCluster: '',
  };
}

export async function collectIdentities(
  client: ManagedServiceIdentityClient, scope: AzureLiveScope, counter: ArmCounter, concurrency: number,
): Promise<{ userAssigned: UserAssignedIdentity[]; federatedCredentials: FederatedIdentityCredential[]; gaps: CoverageGap[] }> {
  const r = await listWithChildren(counter, scope.subscriptionId, concurrency, {
    parents: {
      list: () => client.userAssignedIdentities.listBySubscription().byPage(), nextLinkOf: getContinuationToken,
      api: 'UserAssignedIdentities_ListBySubscription', permission: PERMISSION.identities, collection: IDENTITIES_COLLECTION,
      of: (i: Identity) => identityOf(i, scope),
    },
    children: {
      list: (identity) => client.federatedIdentityCredentials.list(identity.resourceGroup, identity.name).byPage(), nextLinkOf: getContinuationToken,
      api: (identity) => `FederatedIdentityCredentials_List of identity ${identity.resourceId}`, permission: PERMISSION.federated, collection: FEDERATED_COLLECTION,
      of: (creds: ArmFederatedCredential[], identity) => {
        const out = creds.map((f) => federatedCredentialOf(f, identity, scope));
        identity.federatedCredentials = out.map((f) => f.name);
        return out;
      },
      failed: (identity, reason) => setUnknown(identity, 'federatedCredentials', reason),
    },
  });
  return { userAssigned: r.parents, federatedCredentials: r.children, gaps: r.gaps };
}

/**
 * The AKS cluster whose OIDC issuer each credential trusts (by equal issuer URL). When the
 * clusters could not be read, `why` says so and `issuerCluster` is unknown.
 */
export function joinIssuers(creds: readonly FederatedIdentityCredential[], clusters: readonly AksCluster[], why: string | null): void {
  for (const f of creds) {
    const hit = clusters.find((c) => c.oidcIssuerProfile.issuerURL !== '' && sameIssuer(c.oidcIssuerProfile.issuerURL, f.issuer));
    if (hit) f.issuerCluster = hit.name;
    else if (why !== null) setUnknown(f, 'issuerCluster', `the AKS clusters whose OIDC issuer ${f.issuer || '(none)'} may be could not be read: ${why}`);
  }
}
