/**
 * Live Traffic Manager profiles → `azure.trafficManager.profiles`, the same fields with the same
 * meaning as the Terraform adapter (src/collectors/terraform/azure-data.ts), through
 * `@azure/arm-trafficmanager`: `Profiles_ListBySubscription` (the SDK follows a `nextLink` when
 * ARM sends one); the endpoints (external, Azure, nested) come inline with each profile, with the
 * target ARM resolves an Azure endpoint to. The list failing is a gap on the collection.
 */
import type { Endpoint, Profile, TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import type { TrafficManagerEndpoint, TrafficManagerProfile } from '../../model/azure-data.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { armList, type CallCounter } from './calls.ts';
import { azureLiveBase, resourceGroupOf, type AzureLiveScope } from './common.ts';

export const TRAFFIC_MANAGER_COLLECTION = 'azure.trafficManager.profiles';
const PERMISSION = 'Microsoft.Network/trafficManagerProfiles/read';

function endpointOf(e: Endpoint): TrafficManagerEndpoint {
  return {
    name: e.name ?? '', address: '', type: e.type ?? '',
    target: (e.target ?? '').toLowerCase().replace(/\.$/, ''),
    targetResourceId: e.targetResourceId ?? '',
    priority: e.priority ?? null, weight: e.weight ?? null,
    endpointStatus: e.endpointStatus === 'Disabled' ? 'Disabled' : 'Enabled',
    alwaysServe: e.alwaysServe === 'Enabled' ? 'Enabled' : 'Disabled',
  };
}

export function trafficManagerProfileOf(p: Profile, scope: AzureLiveScope): TrafficManagerProfile {
  const id = p.id ?? '';
  const mon = p.monitorConfig;
  const relativeName = p.dnsConfig?.relativeName ?? '';
  return {
    ...azureLiveBase(scope, 'TrafficManagerProfile', p.name ?? id, id, { ...(p.tags ?? {}) }),
    kind: 'TrafficManagerProfile', resourceGroup: resourceGroupOf(id), subscriptionId: scope.subscriptionId,
    profileStatus: p.profileStatus ?? 'Enabled', trafficRoutingMethod: p.trafficRoutingMethod ?? '',
    dnsConfig: { relativeName, ttl: p.dnsConfig?.ttl ?? null, fqdn: (p.dnsConfig?.fqdn ?? (relativeName !== '' ? `${relativeName}.trafficmanager.net` : '')).toLowerCase().replace(/\.$/, '') },
    monitorConfig: {
      protocol: (mon?.protocol ?? '').toUpperCase(), port: mon?.port ?? null, path: mon?.path ?? '',
      intervalInSeconds: mon?.intervalInSeconds ?? 30, timeoutInSeconds: mon?.timeoutInSeconds ?? 10,
      toleratedNumberOfFailures: mon?.toleratedNumberOfFailures ?? 3,
      expectedStatusCodeRanges: (mon?.expectedStatusCodeRanges ?? []).map((r) => ({ min: r.min ?? -1, max: r.max ?? -1 })),
    },
    endpoints: (p.endpoints ?? []).map(endpointOf),
  };
}

export async function collectTrafficManager(
  client: TrafficManagerManagementClient, scope: AzureLiveScope, counter: CallCounter,
): Promise<{ profiles: TrafficManagerProfile[]; gaps: CoverageGap[] }> {
  const listed = await armList(counter, () => client.profiles.listBySubscription());
  if (!listed.ok) {
    return { profiles: [], gaps: [{ collection: TRAFFIC_MANAGER_COLLECTION, scope: scope.subscriptionId, api: 'Profiles_ListBySubscription', error: listed.error, permission: PERMISSION }] };
  }
  return { profiles: listed.value.map((p) => trafficManagerProfileOf(p, scope)), gaps: [] };
}
