/**
 * Live Traffic Manager profiles → `azure.trafficManager.profiles`, the same fields with the same
 * meaning as the Terraform adapter (src/collectors/terraform/azure-data.ts), through
 * `@azure/arm-trafficmanager`: `Profiles_ListBySubscription` (the SDK follows a `nextLink` when
 * ARM sends one); the endpoints (external, Azure, nested) come inline with each profile, with the
 * target ARM resolves an Azure endpoint to. The list failing is a gap on the collection; a
 * field the answer lacks — a profile's or endpoint's status, a probe setting — is unknown, never
 * assumed to be its creation default.
 */
import { getContinuationToken, type Endpoint, type Profile, type TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import type { TrafficManagerEndpoint, TrafficManagerProfile } from '../../model/azure-data.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { armList, type ArmCounter } from './calls.ts';
import { azureLiveBase, resourceGroupOf, setUnknown, type AzureLiveScope } from './common.ts';

export const TRAFFIC_MANAGER_COLLECTION = 'azure.trafficManager.profiles';
const PERMISSION = 'Microsoft.Network/trafficManagerProfiles/read';

function endpointOf(e: Endpoint): TrafficManagerEndpoint {
  return {
    name: e.name ?? '', address: '', type: e.type ?? '',
    target: (e.target ?? '').toLowerCase().replace(/\.$/, ''),
    targetResourceId: e.targetResourceId ?? '',
    priority: e.priority ?? null, weight: e.weight ?? null,
    // "" when ARM sent none (or a value it does not document): marked unknown below.
    endpointStatus: e.endpointStatus === 'Enabled' || e.endpointStatus === 'Disabled' ? e.endpointStatus : '',
    alwaysServe: e.alwaysServe === 'Enabled' ? 'Enabled' : 'Disabled',
    monitorStatus: e.endpointMonitorStatus ?? '',
  };
}

export function trafficManagerProfileOf(p: Profile, scope: AzureLiveScope): TrafficManagerProfile {
  const id = p.id ?? '';
  const mon = p.monitorConfig;
  const relativeName = p.dnsConfig?.relativeName ?? '';
  const profile: TrafficManagerProfile = {
    ...azureLiveBase(scope, 'TrafficManagerProfile', p.name ?? id, id, { ...(p.tags ?? {}) }),
    kind: 'TrafficManagerProfile', resourceGroup: resourceGroupOf(id), subscriptionId: scope.subscriptionId,
    profileStatus: p.profileStatus ?? '', trafficRoutingMethod: p.trafficRoutingMethod ?? '',
    dnsConfig: { relativeName, ttl: p.dnsConfig?.ttl ?? null, fqdn: (p.dnsConfig?.fqdn ?? (relativeName !== '' ? `${relativeName}.trafficmanager.net` : '')).toLowerCase().replace(/\.$/, '') },
    monitorConfig: {
      protocol: (mon?.protocol ?? '').toUpperCase(), port: mon?.port ?? null, path: mon?.path ?? '',
      intervalInSeconds: mon?.intervalInSeconds ?? 30, timeoutInSeconds: mon?.timeoutInSeconds ?? 10,
      toleratedNumberOfFailures: mon?.toleratedNumberOfFailures ?? 3,
      expectedStatusCodeRanges: (mon?.expectedStatusCodeRanges ?? []).map((r) => ({ min: r.min ?? -1, max: r.max ?? -1 })),
    },
    endpoints: (p.endpoints ?? []).map(endpointOf),
  };
  // ARM returns these; one missing is unknown, not read as its creation default (Enabled, 30 s, 10 s, 3).
  if (profile.profileStatus === '') setUnknown(profile, 'profileStatus', `Traffic Manager profile ${id}: the response has no properties.profileStatus`);
  for (const f of ['intervalInSeconds', 'timeoutInSeconds', 'toleratedNumberOfFailures'] as const) {
    if (typeof mon?.[f] !== 'number') setUnknown(profile, `monitorConfig.${f}`, `Traffic Manager profile ${id}: the response has no properties.monitorConfig.${f}`);
  }
  (p.endpoints ?? []).forEach((e, i) => {
    if (profile.endpoints[i]?.endpointStatus !== '') return;
    const what = e.endpointStatus === undefined ? 'no properties.endpointStatus' : `endpointStatus ${JSON.stringify(e.endpointStatus)}, neither Enabled nor Disabled,`;
    setUnknown(profile, `endpoints[${i}].endpointStatus`, `Traffic Manager profile ${id}: endpoint ${e.name ?? i} has ${what} in the response`);
  });
  return profile;
}

export async function collectTrafficManager(
  client: TrafficManagerManagementClient, scope: AzureLiveScope, counter: ArmCounter,
): Promise<{ profiles: TrafficManagerProfile[]; gaps: CoverageGap[] }> {
  const listed = await armList(counter, () => client.profiles.listBySubscription().byPage(), getContinuationToken);
  if (!listed.ok) {
    return { profiles: [], gaps: [{ collection: TRAFFIC_MANAGER_COLLECTION, scope: scope.subscriptionId, api: 'Profiles_ListBySubscription', error: listed.error, permission: PERMISSION }] };
  }
  return { profiles: listed.value.map((p) => trafficManagerProfileOf(p, scope)), gaps: [] };
}
