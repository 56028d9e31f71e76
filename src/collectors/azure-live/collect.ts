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
 * - Storage (storage.ts) → `azure.storage.accounts`; AKS (aks.ts) → `azure.aks`.
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
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { createResourceManagement } from '@azure/arm-resources/api';
import { StorageManagementClient } from '@azure/arm-storage';
import type { TokenCredential } from '@azure/identity';
import type { AzureCollections, AzureScope } from '../../model/azure.ts';
import type { CoverageGap, SourceCoverage } from '../../model/snapshot.ts';
import type { LiveResult } from '../live/types.ts';
import { AKS_COLLECTION, AKS_POOLS_COLLECTION, collectAks } from './aks.ts';
import { armCall, type CallCounter } from './calls.ts';
import { AZURE_CLOUDS, type AzureCloud } from './cloud.ts';
import { azureLiveBase, type AzureLiveScope } from './common.ts';
import { collectStorage, STORAGE_COLLECTION } from './storage.ts';

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
  /** Requests in flight at most for per-account calls (default 8). */
  concurrency?: number;
}

export type AzureLiveCollections = Pick<AzureCollections, 'providers' | 'storage' | 'aks'>;

export interface AzureLiveResult extends LiveResult {
  azure: AzureLiveCollections;
}

export const AZURE_LIVE_COLLECTIONS = ['azure.providers', STORAGE_COLLECTION, AKS_COLLECTION, AKS_POOLS_COLLECTION] as const;

const SUBSCRIPTION_API_VERSION = '2022-12-01';
const DEFAULT_CONCURRENCY = 8;

function emptyCollections(): AzureLiveCollections {
  return { providers: [], storage: { accounts: [] }, aks: { clusters: [], agentPools: [] } };
}

function clientOptions(opts: AzureLiveOptions, cloud: AzureCloud) {
  return {
    endpoint: opts.endpoint ?? cloud.resourceManagerEndpoint,
    // The ARM SDKs default to the public cloud's scope whatever the endpoint: a sovereign cloud's
    // Entra ID would refuse it.
    credentials: { scopes: [cloud.tokenScope] },
    ...(opts.tlsCa !== undefined ? { tlsOptions: { ca: opts.tlsCa } } : {}),
    ...(opts.maxRetries !== undefined ? { retryOptions: { maxRetries: opts.maxRetries } } : {}),
  };
}

interface SubscriptionBody {
  subscriptionId?: unknown;
  tenantId?: unknown;
  displayName?: unknown;
  error?: { code?: unknown; message?: unknown };
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
  const counter: CallCounter = { calls: 0, failedCalls: 0 };
  const azure = emptyCollections();
  const gaps: CoverageGap[] = [];
  const coverage = (scope: string): SourceCoverage => ({ source: 'azure', scope, calls: counter.calls, failedCalls: counter.failedCalls, gaps });
  const cloud = opts.cloud ?? AZURE_CLOUDS.AzurePublicCloud;
  const credential = opts.credential ?? await defaultCredential(cloud);
  const options = clientOptions(opts, cloud);
  const sub = opts.subscriptionId;

  const rm = createResourceManagement(credential, sub, options);
  const got = await armCall(counter, async () => {
    const res = await rm.path('/subscriptions/{subscriptionId}', sub).get({ queryParameters: { 'api-version': SUBSCRIPTION_API_VERSION } });
    const body = (res.body ?? {}) as SubscriptionBody;
    if (res.status !== '200') {
      const code = typeof body.error?.code === 'string' ? body.error.code : 'HttpError';
      throw Object.assign(new Error(code), { code, statusCode: Number(res.status) });
    }
    return body;
  });
  const subscriptionId = got.ok && typeof got.value.subscriptionId === 'string' ? got.value.subscriptionId : '';
  if (!got.ok || subscriptionId === '') {
    const error = got.ok ? 'no subscriptionId in the response' : got.error;
    for (const collection of AZURE_LIVE_COLLECTIONS) {
      gaps.push({ collection, scope: sub, api: `GET /subscriptions/${sub}`, error, permission: 'Microsoft.Resources/subscriptions/read (any role on the subscription, e.g. Reader)' });
    }
    return { documents: [], mattermostConfigs: [], azure, coverage: coverage(sub) };
  }
  const tenantId = typeof got.value.tenantId === 'string' ? got.value.tenantId : '';
  const scope: AzureLiveScope = { subscriptionId, tenantId };
  const provider: AzureScope = {
    ...azureLiveBase(scope, 'AzureProvider', typeof got.value.displayName === 'string' && got.value.displayName !== '' ? got.value.displayName : subscriptionId, `/subscriptions/${subscriptionId}`),
    kind: 'AzureProvider', subscriptionId, tenantId, callerSubscriptionId: subscriptionId,
  };
  if (tenantId === '') (provider.unknown ??= {})['tenantId'] = `GET /subscriptions/${subscriptionId} returned no tenantId`;
  azure.providers.push(provider);

  const storage = new StorageManagementClient(credential, subscriptionId, options);
  const aks = new ContainerServiceClient(credential, subscriptionId, options);
  const [st, ak] = await Promise.all([
    collectStorage(storage, scope, counter, Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY)),
    collectAks(aks, scope, counter),
  ]);
  azure.storage.accounts = st.accounts;
  azure.aks = { clusters: ak.clusters, agentPools: ak.agentPools };
  gaps.push(...st.gaps, ...ak.gaps);
  return { documents: [], mattermostConfigs: [], azure, coverage: coverage(subscriptionId) };
}
