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
 *   every tenant: registered in a primary tenant is a finding too. A section whose `Enable`, `Id`
 *   (or OpenID endpoints) is unknown, or a live read of a configuration that failed, is a gap on
 *   `azure.entra.applications` in every tenant read, naming why: the app not looked up may be
 *   the one Mattermost uses.
 *
 * `--no-graph`, or a scan with no tenant to read, gives a coverage entry whose gaps name why, so
 * the Graph controls are unknown rather than silently absent.
 */
import type { TokenCredential } from '@azure/identity';
import type { EnvironmentDecl } from '../../config/config.ts';
import { entraTenant } from '../../engine/cel.ts';
import type { MattermostConfig } from '../../model/mattermost.ts';
import type { CoverageGap, Snapshot, SourceCoverage } from '../../model/snapshot.ts';
import type { AzureCloud } from '../azure-live/cloud.ts';
import { mapBounded } from './calls.ts';
import { MATTERMOST_COLLECTIONS } from '../mattermost-live/collect.ts';
import { collectGraph, GRAPH_COLLECTIONS, graphNotRead, type GraphLiveResult } from './collect.ts';

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
  /** Coverage of the live sources read so far: a failed read of a Mattermost configuration leaves its client id unknown. */
  coverage?: readonly SourceCoverage[];
  onProgress?: (message: string) => void;
}

const TENANTS_IN_FLIGHT = 4;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A UPN-shaped name (break-glass subjects also hold role names and ARNs). */
const UPN = /^[^@\s:/]+@[^@\s:/]+\.[^@\s:/]+$/;

/** Why `path` of a model object is unknown (an unknown prefix not overridden by a known path), or undefined when it is known. */
function unknownWhy(o: { unknown?: Record<string, string>; known?: string[] }, path: string): string | undefined {
  const under = (p: string, prefix: string): boolean => p === prefix || p.startsWith(`${prefix}.`);
  if ((o.known ?? []).some((k) => under(path, k))) return undefined;
  const hit = Object.keys(o.unknown ?? {}).find((u) => under(path, u));
  return hit === undefined ? undefined : o.unknown![hit];
}

export interface MattermostEntraApps {
  /** Mattermost's Entra client ids, each with the settings sections that name it. */
  apps: { appId: string; configuredIn: string[] }[];
  /** Why some configuration's client id is not known (its Enable, Id or OpenID endpoints unknown): the ids above may not be all. */
  unknown: string[];
}

const OPENID_ENDPOINTS = ['DiscoveryEndpoint', 'AuthEndpoint', 'TokenEndpoint'] as const;

/** Mattermost's Entra client ids in the configurations scanned, and why any could not be told. */
export function mattermostEntraApps(configs: readonly MattermostConfig[]): MattermostEntraApps {
  const apps = new Map<string, { appId: string; configuredIn: string[] }>();
  const unknown: string[] = [];
  for (const c of configs) {
    const where = `Mattermost configuration ${c.name || c.id} (${c.source.file})`;
    for (const section of ['OpenIdSettings', 'Office365Settings'] as const) {
      const s = c.settings[section] ?? {};
      const enableWhy = unknownWhy(c, `settings.${section}.Enable`);
      if (s['Enable'] !== true && enableWhy === undefined) continue;
      const idWhy = unknownWhy(c, `settings.${section}.Id`);
      const endpointsWhy = section === 'OpenIdSettings' ? OPENID_ENDPOINTS.map((k) => unknownWhy(c, `settings.${section}.${k}`)).find((w) => w !== undefined) : undefined;
      const id = typeof s['Id'] === 'string' ? s['Id'].trim().toLowerCase() : '';
      const entra = section === 'Office365Settings' || OPENID_ENDPOINTS.some((k) => typeof s[k] === 'string' && entraTenant(s[k]) !== '');
      const why = enableWhy !== undefined ? `${section}.Enable` : idWhy !== undefined ? `${section}.Id` : !entra && endpointsWhy !== undefined ? `${section}'s endpoints` : '';
      if (why !== '') {
        unknown.push(`${where}: ${why} not known (${enableWhy ?? idWhy ?? endpointsWhy}), so whether it signs users in through an Entra app, and which, cannot be told`);
        continue;
      }
      if (!GUID.test(id) || !entra) continue;
      const a = apps.get(id) ?? { appId: id, configuredIn: [] };
      if (!a.configuredIn.includes(section)) a.configuredIn.push(section);
      apps.set(id, a);
    }
  }
  return { apps: [...apps.values()], unknown };
}

/**
 * Gaps on `azure.entra.applications` for a tenant: a Mattermost configuration whose client id is
 * not known, or a live read of Mattermost's configuration that failed — the Entra app the rules
 * look for may be one not looked up.
 */
function applicationGaps(tenantId: string, apps: MattermostEntraApps, coverage: readonly SourceCoverage[]): CoverageGap[] {
  const collection = GRAPH_COLLECTIONS.applications;
  const fromConfigs = apps.unknown.map((error) => ({ collection, scope: tenantId, api: "reading Mattermost's Entra client id", error }));
  const fromReads = coverage.flatMap((c) => c.gaps.filter((g) => g.collection === MATTERMOST_COLLECTIONS.configs).map((g) => ({
    collection, scope: tenantId, api: `${g.api} (${c.source}${c.scope ? ` ${c.scope}` : ''})`,
    error: `${g.error}; that Mattermost configuration could not be read, so its Entra client id is not known`,
    ...(g.permission !== undefined ? { permission: g.permission } : {}),
  })));
  return [...fromConfigs, ...fromReads];
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
  const coverage = input.coverage ?? [];
  const breakGlass = input.environment.oob.breakGlassSubjects.filter((s) => UPN.test(s.trim()));
  const c = input.connection ?? {};
  return mapBounded([...subscriptionsOf], TENANTS_IN_FLIGHT, async ([tenantId, subscriptionIds]) => {
    input.onProgress?.(`reading Entra tenant ${tenantId} through Microsoft Graph…`);
    const lookups = oob === '' || tenantId === oob;
    const result = await collectGraph({
      tenantId, subscriptionIds, apps: apps.apps,
      ...(lookups ? { roster: input.environment.oob.irRoster, breakGlass } : {}),
      ...(input.cloud !== undefined ? { cloud: input.cloud } : {}),
      ...(c.credential !== undefined ? { credential: c.credential } : {}),
      ...(c.endpoint !== undefined ? { endpoint: c.endpoint } : {}),
      ...(c.tlsCa !== undefined ? { tlsCa: c.tlsCa } : {}),
      ...(c.maxRetries !== undefined ? { maxRetries: c.maxRetries } : {}),
    });
    result.coverage.gaps.push(...applicationGaps(tenantId, apps, coverage));
    return result;
  });
}
