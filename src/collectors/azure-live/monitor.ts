/**
 * Live diagnostic settings → `azure.monitor.diagnosticSettings`, joined onto the objects the rules
 * judge them from (`diagnosticSettings` of AKS clusters, PostgreSQL servers and the subscription,
 * as `DiagnosticSettingRef`s — the same join the Terraform adapters make), through
 * `@azure/arm-monitor`: `DiagnosticSettings_List` (paged by `nextLink`) on each target — the
 * subscription (its activity log export), every AKS cluster, key vault, PostgreSQL server and
 * storage account blob service (`…/blobServices/default`, where the blob logs are).
 *
 * Failures. One target's list failing is a gap on `azure.monitor.diagnosticSettings` naming the
 * target, and makes the `diagnosticSettings` of the object holding them unknown, naming
 * `Microsoft.Insights/diagnosticSettings/read`.
 */
import type { DiagnosticSettingsResource, MonitorClient } from '@azure/arm-monitor';
import type { DiagnosticSetting, DiagnosticSettingRef } from '../../model/azure-compute.ts';
import type { CloudObject } from '../../model/cloud.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { settingRef } from '../terraform/azure-compute.ts';
import { armList, continuationOf, failureReason, mapBounded, type ArmCounter } from './calls.ts';
import { azureLiveBase, setUnknown, type AzureLiveScope } from './common.ts';

export const DIAGNOSTIC_SETTINGS_COLLECTION = 'azure.monitor.diagnosticSettings';
const PERMISSION = 'Microsoft.Insights/diagnosticSettings/read';

export interface DiagnosticTarget {
  /** ARM id of the monitored resource (or `/subscriptions/<id>`). */
  resourceId: string;
  /** The model object the settings join onto, when the model hangs them on it. */
  holder?: CloudObject & { diagnosticSettings: DiagnosticSettingRef[] };
}

const SUBSCRIPTION_ONLY = /^\/subscriptions\/([^/]+)\/?$/i;

export function diagnosticSettingOf(d: DiagnosticSettingsResource, targetResourceId: string, scope: AzureLiveScope): DiagnosticSetting {
  const id = d.id ?? '';
  const sub = SUBSCRIPTION_ONLY.exec(targetResourceId)?.[1] ?? '';
  const destinations: string[] = [];
  if (d.workspaceId) destinations.push('workspace');
  if (d.storageAccountId) destinations.push('storageAccount');
  if (d.eventHubAuthorizationRuleId) destinations.push('eventHub');
  if (d.marketplacePartnerId) destinations.push('partner');
  return {
    ...azureLiveBase(scope, 'DiagnosticSetting', d.name ?? id, id),
    kind: 'DiagnosticSetting', targetResourceId, targetAddress: '',
    targetType: sub !== '' ? 'subscription' : 'resource', targetSubscriptionId: sub,
    logs: (d.logs ?? []).map((l) => ({ category: l.category ?? '', categoryGroup: l.categoryGroup ?? '', enabled: l.enabled })),
    metrics: (d.metrics ?? []).map((m) => ({ category: m.category ?? '', enabled: m.enabled })),
    workspaceId: d.workspaceId ?? '', storageAccountId: d.storageAccountId ?? '',
    eventHubAuthorizationRuleId: d.eventHubAuthorizationRuleId ?? '', eventHubName: d.eventHubName ?? '',
    marketplacePartnerId: d.marketplacePartnerId ?? '', logAnalyticsDestinationType: d.logAnalyticsDestinationType ?? '',
    destinations,
  };
}

export async function collectDiagnosticSettings(
  client: MonitorClient, targets: readonly DiagnosticTarget[], scope: AzureLiveScope, counter: ArmCounter, concurrency: number,
): Promise<{ settings: DiagnosticSetting[]; gaps: CoverageGap[] }> {
  const gaps: CoverageGap[] = [];
  const per = await mapBounded(targets, concurrency, async (t) => {
    // The SDK's URL template adds the leading slash itself.
    const listed = await armList(counter, () => client.diagnosticSettings.list(t.resourceId.replace(/^\/+/, '')).byPage(), continuationOf);
    if (!listed.ok) {
      const api = `DiagnosticSettings_List of ${t.resourceId}`;
      gaps.push({ collection: DIAGNOSTIC_SETTINGS_COLLECTION, scope: scope.subscriptionId, api, error: listed.error, permission: PERMISSION });
      if (t.holder) setUnknown(t.holder, 'diagnosticSettings', failureReason(api, PERMISSION, listed));
      return [];
    }
    const settings = listed.value.map((d) => diagnosticSettingOf(d, t.resourceId, scope));
    t.holder?.diagnosticSettings.push(...settings.map(settingRef));
    return settings;
  });
  return { settings: per.flat(), gaps };
}
