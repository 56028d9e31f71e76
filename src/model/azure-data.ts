/**
 * Azure data and DNS model: PostgreSQL flexible servers, Traffic Manager profiles, DNS zones and
 * record sets. Filled from Terraform (HCL and plan JSON; AzureRM 3.x, 4.x and 5.x alike) now and
 * from ARM later, so field names follow the ARM REST `properties` in camelCase and hold the
 * *effective* value: where an argument is absent, the provider's (or Azure's) default is applied
 * and named in a comment here. What Terraform cannot tell is listed in the object's `unknown`.
 */
import type { DiagnosticSettingRef } from './azure-compute.ts';
import type { CloudObject } from './cloud.ts';

/** `Microsoft.DBforPostgreSQL/flexibleServers` (`azurerm_postgresql_flexible_server`). */
export interface PostgresFlexibleServer extends CloudObject {
  kind: 'PostgresFlexibleServer';
  resourceGroup: string;
  location: string;
  /** Subscription of the server: its resource id when known, else its provider configuration. */
  subscriptionId: string;
  version: string;
  backup: {
    /** `backup_retention_days`; Azure's default 7 when absent (valid 7–35). */
    backupRetentionDays: number;
    /** `geo_redundant_backup_enabled` (default false) → "Enabled" / "Disabled". */
    geoRedundantBackup: 'Enabled' | 'Disabled';
  };
  network: {
    /** `public_network_access_enabled` (default true) → "Enabled" / "Disabled". */
    publicNetworkAccess: 'Enabled' | 'Disabled';
    /**
     * `delegated_subnet_id`; "" when not VNet-injected. When the subnet is created in the same
     * configuration its id is only known after apply: then `terraform:<address>` of the subnet.
     */
    delegatedSubnetResourceId: string;
    /** `private_dns_zone_id` (same `terraform:<address>` convention). */
    privateDnsZoneArmResourceId: string;
  };
  /** Private endpoints (`azurerm_private_endpoint`) whose service connection targets this server. */
  privateEndpoints: string[];
  highAvailability: {
    /** `high_availability[0].mode`; "Disabled" without the block. */
    mode: string;
    standbyAvailabilityZone: string;
  };
  authConfig: {
    /** `authentication[0].active_directory_auth_enabled` (default false). */
    activeDirectoryAuth: 'Enabled' | 'Disabled';
    /** `authentication[0].password_auth_enabled` (default true). */
    passwordAuth: 'Enabled' | 'Disabled';
    tenantId: string;
  };
  dataEncryption: {
    /** "AzureKeyVault" with a `customer_managed_key` block, else "SystemManaged" (always encrypted at rest). */
    type: 'AzureKeyVault' | 'SystemManaged';
    primaryKeyURI: string;
    geoBackupKeyURI: string;
  };
  /**
   * Server parameters oobguard judges, effective: `azurerm_postgresql_flexible_server_configuration`
   * values merged over Azure's defaults — require_secure_transport "on", ssl_min_protocol_version
   * "TLSv1.2", log_connections "on", log_disconnections "on" (Azure Database for PostgreSQL
   * flexible server parameter tables). Values are lower-cased except the TLS version.
   */
  configurations: Record<'require_secure_transport' | 'ssl_min_protocol_version' | 'log_connections' | 'log_disconnections', string>;
  /** Diagnostic settings that target this server. */
  diagnosticSettings: DiagnosticSettingRef[];
  /** Addresses of the resources merged into this server (configurations, diagnostic settings, private endpoints). */
  mergedFrom: string[];
}

/** An endpoint of a Traffic Manager profile (external, Azure or nested endpoint resource). */
export interface TrafficManagerEndpoint {
  name: string;
  address: string;
  /** ARM type: `Microsoft.Network/trafficManagerProfiles/externalEndpoints` | `azureEndpoints` | `nestedEndpoints`. */
  type: string;
  /**
   * `target` (external endpoints); for Azure endpoints the FQDN (else IP) of the target public IP
   * when the configuration tells it, as ARM reports it; "" when not known.
   */
  target: string;
  /** `target_resource_id` (`terraform:<address>` when the id is only known after apply). */
  targetResourceId: string;
  /**
   * `priority`. Absent: 1 from AzureRM 4.0, computed in creation order before — unknown unless
   * set explicitly (Priority routing needs unique values).
   */
  priority: number | null;
  weight: number | null;
  /** `enabled` (default true) → "Enabled" / "Disabled"; live, "" (and unknown) when ARM sent no `endpointStatus`. */
  endpointStatus: 'Enabled' | 'Disabled' | '';
  /** `always_serve_enabled` (default false) → "Enabled" / "Disabled"; Enabled turns probing off. */
  alwaysServe: 'Enabled' | 'Disabled';
  /**
   * Live only: what Traffic Manager's probes see now (`endpointMonitorStatus`: `Online`,
   * `Degraded`, `CheckingEndpoint`, `Disabled`, `Inactive`, `Stopped`); "" from Terraform.
   */
  monitorStatus: string;
}

/** `Microsoft.Network/trafficManagerProfiles` (`azurerm_traffic_manager_profile` + its endpoint resources). */
export interface TrafficManagerProfile extends CloudObject {
  kind: 'TrafficManagerProfile';
  resourceGroup: string;
  subscriptionId: string;
  /** `profile_status`, default "Enabled"; live, "" (and unknown) when ARM sent no `profileStatus`. */
  profileStatus: string;
  trafficRoutingMethod: string;
  dnsConfig: { relativeName: string; ttl: number | null; fqdn: string };
  monitorConfig: {
    /** Upper-cased: HTTP, HTTPS or TCP. */
    protocol: string;
    port: number | null;
    path: string;
    /** Default 30. */
    intervalInSeconds: number;
    /** Default 10. */
    timeoutInSeconds: number;
    /** Default 3. */
    toleratedNumberOfFailures: number;
    /** `expected_status_code_ranges` ("200-299") parsed; -1 where a bound does not parse. */
    expectedStatusCodeRanges: { min: number; max: number }[];
  };
  endpoints: TrafficManagerEndpoint[];
}

/** `Microsoft.Network/dnszones` (`azurerm_dns_zone`). */
export interface DnsZone extends CloudObject {
  kind: 'DnsZone';
  resourceGroup: string;
  subscriptionId: string;
}

/** An A or CNAME record set of an Azure DNS zone (`azurerm_dns_a_record`, `azurerm_dns_cname_record`). */
export interface DnsRecordSet extends CloudObject {
  kind: 'DnsRecordSet';
  recordType: 'A' | 'CNAME';
  /** Relative name (`@` for the apex). */
  relativeName: string;
  zoneName: string;
  resourceGroup: string;
  subscriptionId: string;
  /** Lower-case, no trailing dot. */
  fqdn: string;
  /** `ttl` (required by the provider), seconds. */
  ttl: number | null;
  aRecords: { ipv4Address: string }[];
  cnameRecord: { cname: string } | null;
  /** Alias target (`target_resource_id`; `terraform:<address>` when only known after apply). */
  targetResource: { id: string } | null;
  /** The record hands the name to Traffic Manager (CNAME to `*.trafficmanager.net`, or an alias of a profile). */
  servedByTrafficManager: boolean;
}

export interface AzureDataCollections {
  postgres: { flexibleServers: PostgresFlexibleServer[] };
  trafficManager: { profiles: TrafficManagerProfile[] };
  dns: { zones: DnsZone[]; records: DnsRecordSet[] };
}

export function emptyAzureData(): AzureDataCollections {
  return { postgres: { flexibleServers: [] }, trafficManager: { profiles: [] }, dns: { zones: [], records: [] } };
}
