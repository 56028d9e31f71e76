/**
 * Live Azure collector: reads one subscription through ARM with the `@azure/arm-*` modular clients
 * and fills the same model collections as the Terraform adapters (origin `live`, no address,
 * `resourceId` = ARM id, source `oobguard-live/azure/<subscription>` with the id as ref), so the
 * same rules judge it.
 *
 * - `GET /subscriptions/{id}` (through the arm-resources client context: the subscription
 *   operations live in a package this project does not depend on) → `azure.providers` (one
 *   `AzureScope` with `callerSubscriptionId`). If it fails nothing else is attempted: one gap per
 *   collection, coverage scope = the requested subscription.
 * - Storage (storage.ts) → `azure.storage.accounts`; AKS (aks.ts) → `azure.aks`; Key Vault
 *   (keyvault.ts) → `azure.keyVaults`; managed identities (identity.ts) → `azure.identity`; role
 *   assignments (authorization.ts) → `azure.authorization`; PostgreSQL (postgres.ts), Traffic
 *   Manager (trafficmanager.ts), DNS (dns.ts); VNet peerings and WAF policies (network.ts). Each
 *   runs in parallel; the diagnostic settings of what it read (monitor.ts) follow at once, and
 *   the subscription's own (the activity log export) hang on `azure.subscriptions`. The joins
 *   across them (the cluster a federated credential trusts, the workload identity behind a role
 *   assignment) run when all are read.
 *
 * - The cloud (cloud.ts: public, US Government, China, or custom from the environment) sets the
 *   ARM endpoint, the token scope every client asks for, and the default credential's authority
 *   host. The least-privilege role is deploy/azure/oobguard-reader-role.json
 *   (test/azure-permissions.test.ts holds it equal to the requests made).
 *
 * Calls are counted once each; the pipeline's retry policy (429/503 after Retry-After, transient
 * errors with back-off) runs inside a call. Every failure is a coverage gap on the collection it
 * hides, or an `unknown` entry on the fields of the one object it hides.
 */
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { DnsManagementClient } from '@azure/arm-dns';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { MonitorClient } from '@azure/arm-monitor';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { PostgreSQLManagementFlexibleServerClient } from '@azure/arm-postgresql-flexible';
import { createResourceManagement } from '@azure/arm-resources/api';
import { StorageManagementClient } from '@azure/arm-storage';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import type { AzureCollections, AzureScope } from '../../model/azure.ts';
import type { AzureSubscription } from '../../model/azure-compute.ts';
import type { CoverageGap, SourceCoverage } from '../../model/snapshot.ts';
import type { LiveResult } from '../live/types.ts';
import { AKS_COLLECTION, AKS_POOLS_COLLECTION, collectAks } from './aks.ts';
import { joinAcrossSubscriptions, markWorkloadIdentities, collectRoleAssignments, ROLE_ASSIGNMENTS_COLLECTION } from './authorization.ts';
import { armCall, armGetJson, failureReason, Gate, type ArmCounter } from './calls.ts';
import { AZURE_CLOUDS, type AzureCloud } from './cloud.ts';
import { azureLiveBase, setUnknown, type AzureLiveScope } from './common.ts';
import { collectDns, RECORDS_COLLECTION, ZONES_COLLECTION } from './dns.ts';
import { collectIdentities, FEDERATED_COLLECTION, IDENTITIES_COLLECTION, joinIssuers } from './identity.ts';
import { collectKeyVaults, KEYS_COLLECTION, VAULTS_COLLECTION } from './keyvault.ts';
import { collectDiagnosticSettings, DIAGNOSTIC_SETTINGS_COLLECTION, type DiagnosticTarget } from './monitor.ts';
import { collectNetwork, PEERINGS_COLLECTION, WAF_COLLECTION } from './network.ts';
import { collectPostgres, POSTGRES_COLLECTION } from './postgres.ts';
import { collectStorage, STORAGE_COLLECTION } from './storage.ts';
import { collectTrafficManager, TRAFFIC_MANAGER_COLLECTION } from './trafficmanager.ts';

export type { TokenCredential } from '@azure/identity';
export type { AzureCloud } from './cloud.ts';

export interface AzureLiveOptions {
  subscriptionId: string;
  /** Default: `DefaultAzureCredential` signing in at the cloud's authority host. Any object with `getToken` works. */
  credential?: TokenCredential;
  /** The cloud (cloud.ts; default the public cloud): ARM endpoint, token scope, authority host. */
  cloud?: AzureCloud;
  /** ARM endpoint overriding the cloud's (tests: the local server); the token scope stays the cloud's. */
  endpoint?: string;
  /** PEM CA(s) to trust for the endpoint (tests: a private CA). */
  tlsCa?: string;
  /** Retries per call after the first (pipeline default 3). */
  maxRetries?: number;
  /** Per try; a request that outlasts it fails (default 30000). */
  requestTimeoutMs?: number;
  /** Requests in flight at most for per-account calls (default 8). */
  concurrency?: number;
  /** Pages one list may have before it fails as endless (default 10 000; ../live/paging.ts). */
  maxPages?: number;
}

export type AzureLiveCollections = Pick<AzureCollections,
  'providers' | 'subscriptions' | 'storage' | 'aks' | 'keyVaults' | 'identity' | 'authorization' | 'monitor' | 'postgres' | 'trafficManager' | 'dns' | 'network' | 'waf'>;

export interface AzureLiveResult extends LiveResult {
  azure: AzureLiveCollections;
}

export const AZURE_LIVE_COLLECTIONS = [
  'azure.providers', STORAGE_COLLECTION, AKS_COLLECTION, AKS_POOLS_COLLECTION, 'azure.subscriptions', VAULTS_COLLECTION, KEYS_COLLECTION,
  IDENTITIES_COLLECTION, FEDERATED_COLLECTION, ROLE_ASSIGNMENTS_COLLECTION, DIAGNOSTIC_SETTINGS_COLLECTION, POSTGRES_COLLECTION,
  TRAFFIC_MANAGER_COLLECTION, ZONES_COLLECTION, RECORDS_COLLECTION, PEERINGS_COLLECTION, WAF_COLLECTION,
] as const;

const SUBSCRIPTION_API_VERSION = '2022-12-01';
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_TIMEOUT_MS = 30_000;

function emptyCollections(): AzureLiveCollections {
  return {
    providers: [], subscriptions: [], storage: { accounts: [] }, aks: { clusters: [], agentPools: [] }, keyVaults: { vaults: [], keys: [] },
    identity: { userAssigned: [], federatedCredentials: [] }, authorization: { roleAssignments: [] }, monitor: { diagnosticSettings: [] },
    postgres: { flexibleServers: [] }, trafficManager: { profiles: [] }, dns: { zones: [], records: [] }, network: { vnetPeerings: [] }, waf: { policies: [] },
  };
}

function clientOptions(opts: AzureLiveOptions, cloud: AzureCloud) {
  return {
    endpoint: opts.endpoint ?? cloud.resourceManagerEndpoint,
    // The ARM SDKs default to the public cloud's scope whatever the endpoint: a sovereign cloud's
    // Entra ID would refuse it.
    credentials: { scopes: [cloud.tokenScope] },
    ...(opts.tlsCa !== undefined ? { tlsOptions: { ca: opts.tlsCa } } : {}),
    ...(opts.maxRetries !== undefined ? { retryOptions: { maxRetries: opts.maxRetries } } : {}),
    additionalPolicies: [{ policy: requestTimeout(opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS), position: 'perRetry' as const }],
  };
}

/** Every try of every request gives up after `ms` (the SDKs wait forever by default). */
function requestTimeout(ms: number): PipelinePolicy {
  return {
    name: 'oobguardRequestTimeout',
    sendRequest: (request, next) => {
      if (request.timeout === 0 || request.timeout > ms) request.timeout = ms;
      return next(request);
    },
  };
}

/** The options the default credential gets for a cloud: its authority host. */
export function defaultCredentialOptions(cloud: AzureCloud): { authorityHost: string } {
  return { authorityHost: cloud.authorityHost };
}

async function defaultCredential(cloud: AzureCloud): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential(defaultCredentialOptions(cloud));
}

export async function collectAzure(opts: AzureLiveOptions): Promise<AzureLiveResult> {
  const cloud = opts.cloud ?? AZURE_CLOUDS.AzurePublicCloud;
  const options = clientOptions(opts, cloud);
  // The subscription's requests in flight are bounded here, whatever fans out below; its lists page on the endpoint only.
  const counter: ArmCounter = {
    calls: 0, failedCalls: 0, gate: new Gate(Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY)),
    endpoint: options.endpoint, ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}),
  };
  const azure = emptyCollections();
  const gaps: CoverageGap[] = [];
  const coverage = (scope: string): SourceCoverage => ({ source: 'azure', scope, calls: counter.calls, failedCalls: counter.failedCalls, gaps });
  const credential = opts.credential ?? await defaultCredential(cloud);
  const sub = opts.subscriptionId;

  const rm = createResourceManagement(credential, sub, options);
  const got = await armCall(counter, () => armGetJson(rm, `/subscriptions/${encodeURIComponent(sub)}`, SUBSCRIPTION_API_VERSION));
  const subscriptionId = got.ok && typeof got.value['subscriptionId'] === 'string' ? got.value['subscriptionId'] : '';
  if (!got.ok || subscriptionId === '') {
    const error = got.ok ? 'no subscriptionId in the response' : got.error;
    for (const collection of AZURE_LIVE_COLLECTIONS) {
      gaps.push({ collection, scope: sub, api: `GET /subscriptions/${sub}`, error, permission: 'Microsoft.Resources/subscriptions/read (any role on the subscription, e.g. Reader)' });
    }
    return { documents: [], mattermostConfigs: [], azure, coverage: coverage(sub) };
  }
  const tenantId = typeof got.value['tenantId'] === 'string' ? got.value['tenantId'] : '';
  const scope: AzureLiveScope = { subscriptionId, tenantId };
  const provider: AzureScope = {
    ...azureLiveBase(scope, 'AzureProvider', typeof got.value['displayName'] === 'string' && got.value['displayName'] !== '' ? got.value['displayName'] : subscriptionId, `/subscriptions/${subscriptionId}`),
    kind: 'AzureProvider', subscriptionId, tenantId, callerSubscriptionId: subscriptionId,
  };
  if (tenantId === '') setUnknown(provider, 'tenantId', `GET /subscriptions/${subscriptionId} returned no tenantId`);
  azure.providers.push(provider);

  // The subscription as the activity-log rules judge it; its diagnostic settings join on below.
  const subscription: AzureSubscription = {
    ...azureLiveBase(scope, 'AzureSubscription', subscriptionId, `/subscriptions/${subscriptionId}`),
    kind: 'AzureSubscription', subscriptionId, tenantId, providerKeys: [], diagnosticSettings: [],
  };
  azure.subscriptions.push(subscription);

  const conc = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
  // The track-1 clients (msi, authorization, postgresql-flexible, trafficmanager, dns) take the token scope as `credentialScopes`.
  const classic = { ...options, credentialScopes: [cloud.tokenScope] };
  const monitor = new MonitorClient(credential, subscriptionId, options);
  // Each collection's diagnostic settings are read as soon as the collection is.
  const withDiagnostics = async <T>(read: Promise<T>, targets: (r: T) => DiagnosticTarget[]) => {
    const r = await read;
    return { ...r, diagnostics: await collectDiagnosticSettings(monitor, targets(r), scope, counter, conc) };
  };
  const [st, ak, kv, ids, ra, pg, tm, dn, nw, sd] = await Promise.all([
    withDiagnostics(collectStorage(new StorageManagementClient(credential, subscriptionId, options), scope, counter, conc),
      (r) => r.accounts.map((a) => ({ resourceId: `${a.resourceId}/blobServices/default` }))),
    withDiagnostics(collectAks(new ContainerServiceClient(credential, subscriptionId, options), scope, counter),
      (r) => r.clusters.map((c) => ({ resourceId: c.resourceId, holder: c }))),
    withDiagnostics(collectKeyVaults(new KeyVaultManagementClient(credential, subscriptionId, options), scope, counter, conc),
      (r) => r.vaults.map((v) => ({ resourceId: v.resourceId }))),
    collectIdentities(new ManagedServiceIdentityClient(credential, subscriptionId, classic), scope, counter, conc),
    collectRoleAssignments(new AuthorizationManagementClient(credential, subscriptionId, classic), scope, counter, conc),
    withDiagnostics(collectPostgres(new PostgreSQLManagementFlexibleServerClient(credential, subscriptionId, classic), scope, counter, conc),
      (r) => r.servers.map((s) => ({ resourceId: s.resourceId, holder: s }))),
    collectTrafficManager(new TrafficManagerManagementClient(credential, subscriptionId, classic), scope, counter),
    collectDns(new DnsManagementClient(credential, subscriptionId, classic), scope, counter, conc),
    collectNetwork(rm, scope, counter),
    withDiagnostics(Promise.resolve({}), () => [{ resourceId: subscription.resourceId, holder: subscription }]),
  ]);
  const why = (collection: string, g = gaps.find((x) => x.collection === collection)): string | null => (g ? failureReason(g.api, g.permission ?? '', g) : null);
  gaps.push(...st.gaps, ...ak.gaps, ...kv.gaps, ...ids.gaps, ...ra.gaps, ...pg.gaps, ...tm.gaps, ...dn.gaps, ...nw.gaps);
  for (const d of [st, ak, kv, pg, sd]) gaps.push(...d.diagnostics.gaps);
  joinIssuers(ids.federatedCredentials, ak.clusters, why(AKS_COLLECTION));
  markWorkloadIdentities(ra.roleAssignments, ids.userAssigned, why(IDENTITIES_COLLECTION), subscriptionId);
  Object.assign(azure, {
    storage: { accounts: st.accounts }, aks: { clusters: ak.clusters, agentPools: ak.agentPools }, keyVaults: { vaults: kv.vaults, keys: kv.keys },
    identity: { userAssigned: ids.userAssigned, federatedCredentials: ids.federatedCredentials }, authorization: { roleAssignments: ra.roleAssignments },
    monitor: { diagnosticSettings: [st, ak, kv, pg, sd].flatMap((d) => d.diagnostics.settings) }, postgres: { flexibleServers: pg.servers },
    trafficManager: { profiles: tm.profiles }, dns: { zones: dn.zones, records: dn.records }, network: { vnetPeerings: nw.vnetPeerings }, waf: { policies: nw.wafPolicies },
  } satisfies Partial<AzureLiveCollections>);
  return { documents: [], mattermostConfigs: [], azure, coverage: coverage(subscriptionId) };
}

/** Once every subscription of a scan is read: role assignments to identities kept in another of them (authorization.ts). */
export function joinSubscriptions(results: readonly AzureLiveResult[]): void {
  joinAcrossSubscriptions(results.flatMap((r) => r.azure.authorization.roleAssignments), results.flatMap((r) => r.azure.identity.userAssigned));
}
