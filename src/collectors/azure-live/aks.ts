/**
 * Live AKS → `azure.aks.clusters` and `azure.aks.agentPools`, the same fields with the same
 * meaning as the Terraform adapter (src/collectors/terraform/azure-compute.ts):
 * `ManagedClusters_List` (paged by `nextLink`); the node pools come inline
 * (`agentPoolProfiles`). The list failing is a coverage gap on both collections. Values are what
 * ARM reports; where ARM omits a property the API default applies (the same defaults the
 * Terraform adapter names). Diagnostic settings join on in monitor.ts.
 */
import type { ContainerServiceClient, ManagedCluster, ManagedClusterAddonProfile, ManagedClusterAgentPoolProfile } from '@azure/arm-containerservice';
import type { AksAgentPool, AksCluster } from '../../model/azure-compute.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { armList, continuationOf, type ArmCounter } from './calls.ts';
import { azureLiveBase, resourceGroupOf, setUnknown, type AzureLiveScope } from './common.ts';

export const AKS_COLLECTION = 'azure.aks.clusters';
export const AKS_POOLS_COLLECTION = 'azure.aks.agentPools';
const PERMISSION = 'Microsoft.ContainerService/managedClusters/read';

/** Addon profile keys vary in case between API versions (`omsagent`/`omsAgent`). */
function addon(profiles: Record<string, ManagedClusterAddonProfile> | undefined, key: string): ManagedClusterAddonProfile | undefined {
  if (!profiles) return undefined;
  const k = Object.keys(profiles).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : profiles[k];
}

function configValue(p: ManagedClusterAddonProfile | undefined, key: string): string {
  const c = p?.config;
  if (!c) return '';
  const k = Object.keys(c).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? '' : c[k] ?? '';
}

function poolOf(p: ManagedClusterAgentPoolProfile, c: AksCluster, scope: AzureLiveScope): AksAgentPool {
  const id = `${c.resourceId}/agentPools/${p.name}`;
  const osType = p.osType ?? 'Linux';
  return {
    ...azureLiveBase(scope, 'AksAgentPool', p.name, id),
    kind: 'AksAgentPool', clusterName: c.name, clusterAddress: '',
    // ARM default mode is User; the first pool of a cluster must be System and ARM reports it.
    mode: p.mode ?? 'User', osType,
    osSKU: p.osSKU ?? (osType === 'Windows' ? 'Windows2019' : 'Ubuntu'),
    enableEncryptionAtHost: p.enableEncryptionAtHost ?? false,
    enableNodePublicIP: p.enableNodePublicIP ?? false,
    nodeTaints: [...(p.nodeTaints ?? [])],
    vmSize: p.vmSize ?? '',
  };
}

export function aksClusterOf(m: ManagedCluster, scope: AzureLiveScope): { cluster: AksCluster; pools: AksAgentPool[] } {
  const id = m.id ?? '';
  const aad = m.aadProfile;
  const api = m.apiServerAccessProfile;
  const sec = m.securityProfile;
  const np = m.networkProfile;
  const oms = addon(m.addonProfiles, 'omsagent');
  const kvsp = addon(m.addonProfiles, 'azureKeyvaultSecretsProvider');
  const c: AksCluster = {
    ...azureLiveBase(scope, 'AksCluster', m.name ?? id, id, { ...(m.tags ?? {}) }),
    kind: 'AksCluster', resourceGroup: resourceGroupOf(id), location: m.location ?? '',
    kubernetesVersion: m.kubernetesVersion ?? m.currentKubernetesVersion ?? '',
    skuTier: m.sku?.tier ?? 'Free',
    enableRBAC: m.enableRbac ?? true,
    disableLocalAccounts: m.disableLocalAccounts ?? false,
    aadProfile: aad
      ? {
        // A profile with server/client apps and no `managed` is the legacy integration.
        managed: aad.managed ?? !(aad.serverAppID || aad.clientAppID),
        enableAzureRBAC: aad.enableAzureRbac ?? false,
        // AKS uses the subscription's tenant when none is set.
        tenantID: aad.tenantID || scope.tenantId,
        adminGroupObjectIDs: [...(aad.adminGroupObjectIDs ?? [])],
      }
      : null,
    apiServerAccessProfile: {
      authorizedIPRanges: [...(api?.authorizedIPRanges ?? [])],
      enablePrivateCluster: api?.enablePrivateCluster ?? false,
      enablePrivateClusterPublicFQDN: api?.enablePrivateClusterPublicFqdn ?? false,
      disableRunCommand: api?.disableRunCommand ?? false,
      enableVnetIntegration: api?.enableVnetIntegration ?? false,
    },
    oidcIssuerProfile: { enabled: m.oidcIssuerProfile?.enabled ?? false, issuerURL: m.oidcIssuerProfile?.issuerURL ?? '' },
    securityProfile: {
      workloadIdentity: { enabled: sec?.workloadIdentity?.enabled ?? false },
      azureKeyVaultKms: {
        enabled: sec?.azureKeyVaultKms?.enabled ?? false,
        keyId: sec?.azureKeyVaultKms?.keyId ?? '',
        keyVaultNetworkAccess: sec?.azureKeyVaultKms?.enabled ? sec.azureKeyVaultKms.keyVaultNetworkAccess ?? 'Public' : '',
        keyAddress: '',
      },
      defender: {
        logAnalyticsWorkspaceResourceId: sec?.defender?.logAnalyticsWorkspaceResourceId ?? '',
        securityMonitoring: { enabled: sec?.defender?.securityMonitoring?.enabled ?? false },
      },
    },
    networkProfile: {
      networkPlugin: np?.networkPlugin ?? 'kubenet',
      networkPolicy: np?.networkPolicy ?? '',
      networkDataPlane: np?.networkDataplane ?? 'azure',
      networkPluginMode: np?.networkPluginMode ?? '',
      outboundType: np?.outboundType ?? 'loadBalancer',
    },
    agentPoolProfiles: [],
    autoUpgradeProfile: {
      upgradeChannel: m.autoUpgradeProfile?.upgradeChannel ?? 'none',
      nodeOSUpgradeChannel: m.autoUpgradeProfile?.nodeOSUpgradeChannel ?? 'NodeImage',
    },
    addonProfiles: {
      omsagent: { enabled: oms?.enabled ?? false, config: { logAnalyticsWorkspaceResourceID: configValue(oms, 'logAnalyticsWorkspaceResourceID') } },
      azureKeyvaultSecretsProvider: {
        enabled: kvsp?.enabled ?? false,
        config: { enableSecretRotation: configValue(kvsp, 'enableSecretRotation') || 'false', rotationPollInterval: kvsp?.enabled ? configValue(kvsp, 'rotationPollInterval') || '2m' : '' },
      },
      azurepolicy: { enabled: addon(m.addonProfiles, 'azurepolicy')?.enabled ?? false },
    },
    diagnosticSettings: [],
  };
  if (aad && !aad.tenantID && scope.tenantId === '') setUnknown(c, 'aadProfile.tenantID', 'the Entra profile sets no tenantID and the subscription reported no tenant');
  const pools = (m.agentPoolProfiles ?? []).map((p) => poolOf(p, c, scope));
  c.agentPoolProfiles = pools.map((p) => ({ name: p.name, mode: p.mode, osSKU: p.osSKU, enableEncryptionAtHost: p.enableEncryptionAtHost, enableNodePublicIP: p.enableNodePublicIP, nodeTaints: p.nodeTaints }));
  return { cluster: c, pools };
}

export async function collectAks(
  client: ContainerServiceClient, scope: AzureLiveScope, counter: ArmCounter,
): Promise<{ clusters: AksCluster[]; agentPools: AksAgentPool[]; gaps: CoverageGap[] }> {
  const listed = await armList(counter, () => client.managedClusters.list().byPage(), continuationOf);
  if (!listed.ok) {
    const gap = { scope: scope.subscriptionId, api: 'ManagedClusters_List', error: listed.error, permission: PERMISSION };
    return { clusters: [], agentPools: [], gaps: [{ collection: AKS_COLLECTION, ...gap }, { collection: AKS_POOLS_COLLECTION, ...gap }] };
  }
  const clusters: AksCluster[] = [];
  const agentPools: AksAgentPool[] = [];
  for (const m of listed.value) {
    const { cluster, pools } = aksClusterOf(m, scope);
    clusters.push(cluster);
    agentPools.push(...pools);
  }
  return { clusters, agentPools, gaps: [] };
}
