/**
 * Live PostgreSQL flexible servers → `azure.postgres.flexibleServers`, the same fields with the
 * same meaning as the Terraform adapter (src/collectors/terraform/azure-data.ts), through
 * `@azure/arm-postgresql-flexible`: `Servers_ListBySubscription` (paged by `nextLink`; auth
 * config, backup, high availability, network, data encryption and the approved private endpoint
 * connections come inline), then per server `Configurations_Get` of the four server parameters
 * the rules judge (four reads instead of paging through the ~400 parameters). Diagnostic settings
 * join on in monitor.ts.
 *
 * Failures. The list failing is a gap on the collection; one parameter failing makes that
 * `configurations.<name>` of that server unknown, naming
 * `Microsoft.DBforPostgreSQL/flexibleServers/configurations/read`.
 */
import { getContinuationToken, type PostgreSQLManagementFlexibleServerClient, type Server } from '@azure/arm-postgresql-flexible';
import type { PostgresFlexibleServer } from '../../model/azure-data.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { armCall, armList, failureReason, mapBounded, type ArmCounter } from './calls.ts';
import { azureLiveBase, resourceGroupOf, setUnknown, type AzureLiveScope } from './common.ts';

export const POSTGRES_COLLECTION = 'azure.postgres.flexibleServers';

const PERMISSION = {
  servers: 'Microsoft.DBforPostgreSQL/flexibleServers/read',
  configurations: 'Microsoft.DBforPostgreSQL/flexibleServers/configurations/read',
} as const;

const PARAMETERS = ['require_secure_transport', 'ssl_min_protocol_version', 'log_connections', 'log_disconnections'] as const;

const enabled = (v: string | undefined, dflt: 'Enabled' | 'Disabled'): 'Enabled' | 'Disabled' => (v === 'Enabled' || v === 'Disabled' ? v : dflt);

export function postgresServerOf(s: Server, scope: AzureLiveScope): PostgresFlexibleServer {
  const id = s.id ?? '';
  const delegated = s.network?.delegatedSubnetResourceId ?? '';
  return {
    ...azureLiveBase(scope, 'PostgresFlexibleServer', s.name ?? id, id, { ...(s.tags ?? {}) }),
    kind: 'PostgresFlexibleServer', resourceGroup: resourceGroupOf(id), location: s.location, subscriptionId: scope.subscriptionId,
    version: s.version ?? '',
    backup: { backupRetentionDays: s.backup?.backupRetentionDays ?? 7, geoRedundantBackup: enabled(s.backup?.geoRedundantBackup, 'Disabled') },
    network: {
      // A VNet-injected server has no public endpoint.
      publicNetworkAccess: enabled(s.network?.publicNetworkAccess, delegated !== '' ? 'Disabled' : 'Enabled'),
      delegatedSubnetResourceId: delegated,
      privateDnsZoneArmResourceId: s.network?.privateDnsZoneArmResourceId ?? '',
    },
    privateEndpoints: (s.privateEndpointConnections ?? [])
      .filter((c) => c.privateLinkServiceConnectionState?.status === 'Approved')
      .map((c) => c.privateEndpoint?.id?.split('/').pop() ?? '').filter((n) => n !== ''),
    highAvailability: { mode: s.highAvailability?.mode ?? 'Disabled', standbyAvailabilityZone: s.highAvailability?.standbyAvailabilityZone ?? '' },
    authConfig: {
      activeDirectoryAuth: enabled(s.authConfig?.activeDirectoryAuth, 'Disabled'),
      passwordAuth: enabled(s.authConfig?.passwordAuth, 'Enabled'),
      tenantId: s.authConfig?.tenantId ?? '',
    },
    dataEncryption: {
      type: s.dataEncryption?.type === 'AzureKeyVault' ? 'AzureKeyVault' : 'SystemManaged',
      primaryKeyURI: s.dataEncryption?.primaryKeyURI ?? '',
      geoBackupKeyURI: s.dataEncryption?.geoBackupKeyURI ?? '',
    },
    // Azure's defaults until the parameters are read.
    configurations: { require_secure_transport: 'on', ssl_min_protocol_version: 'TLSv1.2', log_connections: 'on', log_disconnections: 'on' },
    diagnosticSettings: [], mergedFrom: [],
  };
}

export async function collectPostgres(
  client: PostgreSQLManagementFlexibleServerClient, scope: AzureLiveScope, counter: ArmCounter, concurrency: number,
): Promise<{ servers: PostgresFlexibleServer[]; gaps: CoverageGap[] }> {
  const listed = await armList(counter, () => client.servers.listBySubscription().byPage(), getContinuationToken);
  if (!listed.ok) {
    return { servers: [], gaps: [{ collection: POSTGRES_COLLECTION, scope: scope.subscriptionId, api: 'Servers_ListBySubscription', error: listed.error, permission: PERMISSION.servers }] };
  }
  const servers = listed.value.map((s) => postgresServerOf(s, scope));
  const reads = servers.flatMap((s) => PARAMETERS.map((p) => ({ s, p })));
  await mapBounded(reads, concurrency, async ({ s, p }) => {
    const got = await armCall(counter, () => client.configurations.get(s.resourceGroup, s.name, p));
    const value = got.ok ? got.value.value : undefined;
    if (value !== undefined) s.configurations[p] = p === 'ssl_min_protocol_version' ? value : value.toLowerCase();
    else setUnknown(s, `configurations.${p}`, got.ok ? `Configurations_Get of ${p} on ${s.resourceId} returned no value` : failureReason(`Configurations_Get of ${p} on ${s.resourceId}`, PERMISSION.configurations, got));
  });
  return { servers, gaps: [] };
}
