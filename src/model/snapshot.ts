/**
 * The Snapshot: everything collectors read, normalized, with provenance and explicit unknowns.
 * It is serializable (`oobguard collect`) and replayable offline (`oobguard evaluate`).
 */
import type { K8sCollections } from './k8s.ts';
import { emptyK8s } from './k8s.ts';
import type { MattermostConfig } from './mattermost.ts';
import type { MattermostAccessToken, MattermostDataRetention, MattermostServer, MattermostUser } from './mattermost-live.ts';
import { emptyAws, type AwsCollections } from './aws.ts';
import { emptyAzure, type AzureCollections } from './azure.ts';

export const SNAPSHOT_SCHEMA_VERSION = 1;

export type InputStatus = 'scanned' | 'skipped' | 'error';

export interface InputRecord {
  file: string;
  status: InputStatus;
  /** What the file was recognized as. */
  format: 'kubernetes' | 'mattermost-config' | 'terraform' | 'terraform-plan' | 'terraform-vars' | 'unknown';
  documents: number;
  /** Documents whose kind oobguard does not model (CRDs, …) — read, counted, not judged. */
  ignoredDocuments: number;
  /** sha256 of the content, so locations can be trusted when the snapshot is replayed. */
  sha256: string;
  reason?: string;
}

export type DiagnosticCode =
  | 'input/parse' | 'input/binary' | 'input/unreadable' | 'input/too-large' | 'input/too-deep'
  | 'input/alias-bomb' | 'input/symlink-loop' | 'input/not-regular' | 'input/not-found'
  | 'input/skipped'
  | 'rule/invalid' | 'rule/compile' | 'rule/evaluate'
  | 'config/invalid' | 'waiver/expired' | 'waiver/unused'
  | 'collector/error';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning' | 'note';
  message: string;
  /** File the diagnostic is about. */
  file?: string;
  line?: number;
  /** JSON path inside the file, where there is one. */
  path?: string;
  hint?: string;
}

/** A live API call that failed: the collections it feeds are unknown for that scope. */
export interface CoverageGap {
  /** Collection the call feeds (`k8s.secrets`, `mattermost.configs`, …). */
  collection: string;
  /** Where: a namespace, region, account, subscription, or "" for the whole source. */
  scope: string;
  /** The call, e.g. `GET /api/v1/namespaces/mattermost/secrets` or `IAM:ListRoles`. */
  api: string;
  /** What went wrong (HTTP status and reason, error name), never a secret. */
  error: string;
  /** The permission that would have allowed it, when known (`list secrets`, `iam:ListRoles`). */
  permission?: string;
}

/** What a live source read, and what it could not. */
export interface SourceCoverage {
  source: 'kubernetes' | 'mattermost' | 'aws' | 'azure' | 'graph';
  /** Context, server URL, account, subscription or Entra tenant (Graph). */
  scope: string;
  calls: number;
  failedCalls: number;
  gaps: CoverageGap[];
}

export interface Snapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  tool: { name: 'oobguard'; version: string };
  collectedAt: string;
  /** Which sources ran (`k8s-manifests`, `mattermost-config`, …). */
  sources: string[];
  inputs: InputRecord[];
  diagnostics: Diagnostic[];
  k8s: K8sCollections;
  mattermost: {
    configs: MattermostConfig[];
    /** Live Mattermost API only: accounts (no secrets; e-mail domain only). */
    users: MattermostUser[];
    /** Live Mattermost API only: personal access tokens (metadata, never the token). */
    accessTokens: MattermostAccessToken[];
    /** Live Mattermost API only: the servers read (version, licence, status). */
    servers: MattermostServer[];
    /** Live Mattermost API only: the data-retention policy the server enforces and its jobs. */
    dataRetention: MattermostDataRetention[];
  };
  aws: AwsCollections;
  azure: AzureCollections;
  /** Live sources only: what was read and what could not be (absent for file-only scans). */
  coverage?: SourceCoverage[];
}

export function emptySnapshot(version: string, collectedAt: string): Snapshot {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'oobguard', version },
    collectedAt,
    sources: [],
    inputs: [],
    diagnostics: [],
    k8s: emptyK8s(),
    mattermost: { configs: [], users: [], accessTokens: [], servers: [], dataRetention: [] },
    aws: emptyAws(),
    azure: emptyAzure(),
  };
}

/** Dotted names of every collection a rule may target. */
export const TARGETS = [
  'k8s.namespaces', 'k8s.workloads', 'k8s.containers', 'k8s.services', 'k8s.ingresses',
  'k8s.networkPolicies', 'k8s.serviceAccounts', 'k8s.secrets', 'k8s.configMaps', 'k8s.roleBindings',
  'k8s.roles', 'k8s.mattermosts', 'k8s.velero.schedules', 'k8s.velero.backups', 'k8s.velero.restores',
  'k8s.velero.storageLocations', 'mattermost.configs', 'mattermost.users', 'mattermost.accessTokens', 'mattermost.servers', 'mattermost.dataRetention',
  'aws.providers', 'aws.s3.buckets',
  'aws.rds.clusters', 'aws.rds.instances', 'aws.rds.clusterParameterGroups', 'aws.rds.globalClusters', 'aws.route53.zones',
  'aws.route53.records', 'aws.route53.healthChecks', 'aws.cloudtrail.trails', 'aws.kms.keys', 'aws.wafv2.webAcls',
  'aws.elbv2.loadBalancers', 'aws.backup.plans',
  'aws.iam.roles', 'aws.iam.policies', 'aws.iam.oidcProviders', 'aws.iam.users', 'aws.iam.accountSummaries', 'aws.eks.clusters', 'aws.eks.addons',
  'aws.eks.nodeGroups', 'aws.eks.accessEntries', 'aws.eks.accessPolicyAssociations', 'aws.ec2.launchTemplates',
  'aws.ec2.vpcPeerings', 'aws.ec2.transitGatewayAttachments', 'aws.accountReferences',
  'azure.providers', 'azure.storage.accounts',
  'azure.subscriptions', 'azure.aks.clusters', 'azure.aks.agentPools', 'azure.identity.userAssigned',
  'azure.identity.federatedCredentials', 'azure.authorization.roleAssignments', 'azure.keyVaults.vaults',
  'azure.keyVaults.keys', 'azure.network.vnetPeerings', 'azure.monitor.diagnosticSettings', 'azure.waf.policies',
  'azure.entra.conditionalAccessPolicies', 'azure.entra.organizations', 'azure.entra.users', 'azure.entra.applications',
  'azure.entra.userRegistrationDetails',
  'azure.postgres.flexibleServers', 'azure.trafficManager.profiles', 'azure.dns.zones', 'azure.dns.records',
] as const;
export type Target = (typeof TARGETS)[number];

export function collection(snapshot: Snapshot, target: string): readonly unknown[] | undefined {
  let cur: unknown = snapshot;
  for (const seg of target.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return Array.isArray(cur) ? cur : undefined;
}
