/**
 * Live VNet peerings → `azure.network.vnetPeerings` and WAF policies → `azure.waf.policies`, the
 * same fields with the same meaning as the Terraform adapter
 * (src/collectors/terraform/azure-compute.ts). Read by path with the `@azure/arm-resources` REST
 * client the subscription GET uses, not `@azure/arm-network`: that package is 64 MB installed for
 * three list calls, and Front Door WAF policies are not in it anyway. Each list follows `nextLink`.
 *
 * - `VirtualNetworks_ListAll` (`GET /subscriptions/{id}/providers/Microsoft.Network/virtualNetworks`):
 *   every VNet with its `virtualNetworkPeerings` inline (no call per VNet).
 * - `WebApplicationFirewallPolicies_ListAll` (Application Gateway) and
 *   `Policies_ListBySubscription` (Front Door, classic and Standard/Premium by SKU).
 *
 * Failures. Each list failing is a gap on the collection it feeds, naming the Azure action. A
 * field the answer lacks — a WAF policy's state or mode, a peering's flags — is unknown, never
 * assumed to be its creation default (Enabled, Prevention, …).
 */
import type { VnetPeering, WafPolicy } from '../../model/azure-compute.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { setUnknown } from '../../model/provenance.ts';
import { obj, objs, str, type JsonRecord } from '../live/json.ts';
import { armCall, armGetPaged, type ArmPathClient, type ArmCounter } from './calls.ts';
import { azureLiveBase, nameAfter, resourceGroupOf, type AzureLiveScope } from './common.ts';

export const PEERINGS_COLLECTION = 'azure.network.vnetPeerings';
export const WAF_COLLECTION = 'azure.waf.policies';

const VNETS = { path: 'Microsoft.Network/virtualNetworks', apiVersion: '2024-05-01', api: 'VirtualNetworks_ListAll', permission: 'Microsoft.Network/virtualNetworks/read' };
const WAF_APPGW = {
  path: 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies', apiVersion: '2024-05-01',
  api: 'WebApplicationFirewallPolicies_ListAll', permission: 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/read',
};
const WAF_FRONTDOOR = {
  path: 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies', apiVersion: '2024-02-01',
  api: 'Policies_ListBySubscription (Front Door)', permission: 'Microsoft.Network/frontDoorWebApplicationFirewallPolicies/read',
};

type Json = JsonRecord;

const PEERING_FLAGS = ['allowVirtualNetworkAccess', 'allowForwardedTraffic', 'allowGatewayTransit', 'useRemoteGateways'] as const;

export function peeringsOf(vnet: Json, scope: AzureLiveScope): VnetPeering[] {
  const vnetName = str(vnet['name']);
  return objs(obj(vnet['properties'])['virtualNetworkPeerings']).map((p) => {
    const id = str(p['id']);
    const props = obj(p['properties']);
    const remote = str(obj(props['remoteVirtualNetwork'])['id']);
    const peering: VnetPeering = {
      ...azureLiveBase(scope, 'VnetPeering', str(p['name']) || id, id),
      kind: 'VnetPeering', resourceGroup: resourceGroupOf(id), virtualNetworkName: vnetName || nameAfter(id, 'virtualNetworks'),
      remoteVirtualNetwork: { id: remote }, remoteSubscriptionId: nameAfter(remote, 'subscriptions'), remoteAddress: '',
      allowVirtualNetworkAccess: props['allowVirtualNetworkAccess'] === true, allowForwardedTraffic: props['allowForwardedTraffic'] === true,
      allowGatewayTransit: props['allowGatewayTransit'] === true, useRemoteGateways: props['useRemoteGateways'] === true,
    };
    // ARM returns every flag; one missing is unknown, not its creation default.
    for (const f of PEERING_FLAGS) if (typeof props[f] !== 'boolean') setUnknown(peering, f, `VNet peering ${id}: the response has no boolean properties.${f}`);
    return peering;
  });
}

export function wafPolicyOf(p: Json, frontDoor: boolean, scope: AzureLiveScope): WafPolicy {
  const id = str(p['id']);
  const props = obj(p['properties']);
  const settings = obj(props['policySettings']);
  const stateKey = frontDoor ? 'enabledState' : 'state';
  const w: WafPolicy = {
    ...azureLiveBase(scope, 'WafPolicy', str(p['name']) || id, id, Object.fromEntries(Object.entries(obj(p['tags'])).map(([k, v]) => [k, str(v)]))),
    kind: 'WafPolicy',
    policyType: !frontDoor ? 'ApplicationGateway' : str(obj(p['sku'])['name']) === 'Classic_AzureFrontDoor' ? 'FrontDoorClassic' : 'FrontDoor',
    resourceGroup: resourceGroupOf(id),
    policySettings: { state: str(settings[stateKey]), mode: str(settings['mode']) },
    managedRules: { managedRuleSets: objs(obj(props['managedRules'])['managedRuleSets']).map((s) => ({ ruleSetType: str(s['ruleSetType']), ruleSetVersion: str(s['ruleSetVersion']) })) },
  };
  // ARM returns both; one missing is not read as its creation default (Enabled, Prevention).
  if (w.policySettings.state === '') setUnknown(w, 'policySettings.state', `WAF policy ${id}: the response has no properties.policySettings.${stateKey}`);
  if (w.policySettings.mode === '') setUnknown(w, 'policySettings.mode', `WAF policy ${id}: the response has no properties.policySettings.mode`);
  return w;
}

export async function collectNetwork(
  rm: ArmPathClient, scope: AzureLiveScope, counter: ArmCounter,
): Promise<{ vnetPeerings: VnetPeering[]; wafPolicies: WafPolicy[]; gaps: CoverageGap[] }> {
  const sub = scope.subscriptionId;
  const list = (what: typeof VNETS) => armCall(counter, () => armGetPaged(rm, counter, `/subscriptions/${encodeURIComponent(sub)}/providers/${what.path}`, what.apiVersion));
  const [vnets, appGw, frontDoor] = await Promise.all([list(VNETS), list(WAF_APPGW), list(WAF_FRONTDOOR)]);
  const gaps: CoverageGap[] = [];
  const gap = (collection: string, what: typeof VNETS, o: { error: string }): void => {
    gaps.push({ collection, scope: sub, api: what.api, error: o.error, permission: what.permission });
  };
  const vnetPeerings = vnets.ok ? vnets.value.flatMap((v) => peeringsOf(obj(v), scope)) : (gap(PEERINGS_COLLECTION, VNETS, vnets), []);
  const wafPolicies: WafPolicy[] = [];
  for (const [got, what, fd] of [[appGw, WAF_APPGW, false], [frontDoor, WAF_FRONTDOOR, true]] as const) {
    if (got.ok) wafPolicies.push(...got.value.map((p) => wafPolicyOf(obj(p), fd, scope)));
    else gap(WAF_COLLECTION, what, got);
  }
  return { vnetPeerings, wafPolicies, gaps };
}
