/**
 * Which Entra tenants a live Azure scan reads through Microsoft Graph, and what it asks each
 * (collect.ts reads one tenant):
 *
 * - tenants: those of the subscriptions just read (`GET /subscriptions/{id}` → `tenantId`), the
 *   `--tenant` ids, and `environment.oob.entraTenantId` — each once, at most four at a time;
 * - the IR roster (`environment.oob.irRoster`) and the break-glass subjects that are UPNs are looked
 *   up in the OOB tenant (in every tenant read when none is declared);
 * - Mattermost's Entra client ids — `OpenIdSettings.Id` (when its endpoints are Entra's) and
 *   `Office365Settings.Id` of every enabled section in every Mattermost configuration scanned — in
 *   every tenant: registered in a primary tenant is a finding too.
 *
 * `--no-graph`, or a scan with no tenant to read, gives a coverage entry whose gaps name why, so
 * the Graph controls are unknown rather than silently absent.
 */
import type { TokenCredential } from '@azure/identity';
import type { EnvironmentDecl } from '../../config/config.ts';
import { entraTenant } from '../../engine/cel.ts';
import type { MattermostConfig } from '../../model/mattermost.ts';
import type { Snapshot } from '../../model/snapshot.ts';
import type { AzureCloud } from '../azure-live/cloud.ts';
import { mapBounded } from './calls.ts';
import { collectGraph, graphNotRead, type GraphLiveResult } from './collect.ts';

/** Connection overrides (tests: the local Graph server, its CA, an explicit credential). */
export interface GraphConnectionOverrides {
  credential?: TokenCredential;
  endpoint?: string;
  tlsCa?: string;
  maxRetries?: number;
}

export interface GraphScanInput {
  /** `--tenant` ids. */
  tenants?: readonly string[];
  /** false: `--no-graph`. */
  graph?: boolean;
  cloud?: AzureCloud;
  connection?: GraphConnectionOverrides;
  environment: EnvironmentDecl;
  /** The snapshot so far: live subscriptions (their tenants) and Mattermost configurations (the client ids). */
  snapshot: Pick<Snapshot, 'azure' | 'mattermost'>;
  onProgress?: (message: string) => void;
}

const TENANTS_IN_FLIGHT = 4;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A UPN-shaped name (break-glass subjects also hold role names and ARNs). */
const UPN = /^[^@\s:/]+@[^@\s:/]+\.[^@\s:/]+$/;

function isUnknownIn(o: { unknown?: Record<string, string>; known?: string[] }, path: string): boolean {
  const under = (p: string, prefix: string): boolean => p === prefix || p.startsWith(`${prefix}.`);
  return Object.keys(o.unknown ?? {}).some((u) => under(path, u)) && !(o.known ?? []).some((k) => under(path, k));
}

/** Mattermost's Entra client ids, each with the settings sections that name it. */
export function mattermostEntraApps(configs: readonly MattermostConfig[]): { appId: string; configuredIn: string[] }[] {
  const apps = new Map<string, { appId: string; configuredIn: string[] }>();
  for (const c of configs) {
    for (const section of ['OpenIdSettings', 'Office365Settings'] as const) {
      const s = c.settings[section] ?? {};
      if (s['Enable'] !== true || isUnknownIn(c, `settings.${section}.Id`)) continue;
      const id = typeof s['Id'] === 'string' ? s['Id'].trim().toLowerCase() : '';
      if (!GUID.test(id)) continue;
      if (section === 'OpenIdSettings' && !['DiscoveryEndpoint', 'AuthEndpoint', 'TokenEndpoint'].some((k) => typeof s[k] === 'string' && entraTenant(s[k]) !== '')) continue;
      const a = apps.get(id) ?? { appId: id, configuredIn: [] };
      if (!a.configuredIn.includes(section)) a.configuredIn.push(section);
      apps.set(id, a);
    }
  }
  return [...apps.values()];
}

export async function collectGraphTenants(input: GraphScanInput): Promise<GraphLiveResult[]> {
  if (input.graph === false) return [graphNotRead('', 'Microsoft Graph', 'not read (--no-graph)', 'a scan without --no-graph')];
  const subscriptionsOf = new Map<string, string[]>();
  const add = (tenant: string, subscription?: string): void => {
    const t = tenant.trim().toLowerCase();
    if (t === '') return;
    const subs = subscriptionsOf.get(t) ?? [];
    if (subscription !== undefined && !subs.includes(subscription)) subs.push(subscription);
    subscriptionsOf.set(t, subs);
  };
  for (const p of input.snapshot.azure.providers) {
    if (p.origin === 'live' && p.callerSubscriptionId !== '' && !p.unknown?.['tenantId']) add(p.tenantId, p.callerSubscriptionId);
  }
  for (const t of input.tenants ?? []) add(t);
  const oob = input.environment.oob.entraTenantId.trim().toLowerCase();
  add(oob);
  if (subscriptionsOf.size === 0) {
    return [graphNotRead('', 'Microsoft Graph', 'no Entra tenant to read: no subscription was read, and neither --tenant nor environment.oob.entraTenantId names one', 'a readable subscription, --tenant <id>, or environment.oob.entraTenantId')];
  }
  const apps = mattermostEntraApps(input.snapshot.mattermost.configs);
  const breakGlass = input.environment.oob.breakGlassSubjects.filter((s) => UPN.test(s.trim()));
  const c = input.connection ?? {};
  return mapBounded([...subscriptionsOf], TENANTS_IN_FLIGHT, async ([tenantId, subscriptionIds]) => {
    input.onProgress?.(`reading Entra tenant ${tenantId} through Microsoft Graph…`);
    const lookups = oob === '' || tenantId === oob;
    return collectGraph({
      tenantId, subscriptionIds, apps,
      ...(lookups ? { roster: input.environment.oob.irRoster, breakGlass } : {}),
      ...(input.cloud !== undefined ? { cloud: input.cloud } : {}),
      ...(c.credential !== undefined ? { credential: c.credential } : {}),
      ...(c.endpoint !== undefined ? { endpoint: c.endpoint } : {}),
      ...(c.tlsCa !== undefined ? { tlsCa: c.tlsCa } : {}),
      ...(c.maxRetries !== undefined ? { maxRetries: c.maxRetries } : {}),
    });
  });
}
