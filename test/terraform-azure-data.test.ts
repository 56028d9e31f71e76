/**
 * AzureRM → storage accounts (and their split-out resources), PostgreSQL flexible servers,
 * Traffic Manager and DNS (src/collectors/terraform/azure.ts, azure-data.ts), through the real
 * collector: realistic .tf files and plans, AzureRM 3.x / 4.x / 5.x argument names, unknowns,
 * cross-resource joins and the secrets that must never reach the model.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StorageAccount } from '../src/model/azure.ts';
import type { DnsRecordSet, PostgresFlexibleServer, TrafficManagerProfile } from '../src/model/azure-data.ts';
import type { Snapshot } from '../src/model/snapshot.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { loadRules } from '../src/run.ts';
import { scanFiles } from './helpers/scan.ts';

const OOB_SUB = '7c1d2e3f-0a4b-4c5d-8e9f-112233445566';
const PRIMARY_SUB = '0b8e4a21-6c3d-4f7e-9a1b-5d2c3e4f5a6b';
const PROVIDER = `provider "azurerm" {\n  features {}\n  subscription_id = "${OOB_SUB}"\n}\n`;

/** 1-based line of the first occurrence of `needle`. */
function lineIn(text: string, needle: string): number {
  const i = text.indexOf(needle);
  expect(i, needle).toBeGreaterThanOrEqual(0);
  return text.slice(0, i).split('\n').length;
}

async function snap(files: Record<string, string>): Promise<Snapshot> {
  const { snapshot } = await scanFiles(files, { rules: [] });
  expect(snapshot.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return snapshot;
}

function account(s: Snapshot, name: string): StorageAccount {
  const a = s.azure.storage.accounts.find((x) => x.name === name);
  if (!a) throw new Error(`no storage account ${name}; have ${s.azure.storage.accounts.map((x) => x.name).join(', ')}`);
  return a;
}
function server(s: Snapshot, name = 'psql-mm-oob'): PostgresFlexibleServer {
  const x = s.azure.postgres.flexibleServers.find((p) => p.name === name);
  if (!x) throw new Error(`no server ${name}`);
  return x;
}
function profile(s: Snapshot, name = 'tm-mattermost'): TrafficManagerProfile {
  const x = s.azure.trafficManager.profiles.find((p) => p.name === name);
  if (!x) throw new Error(`no profile ${name}`);
  return x;
}
function record(s: Snapshot, fqdn: string): DnsRecordSet {
  const x = s.azure.dns.records.find((r) => r.fqdn === fqdn);
  if (!x) throw new Error(`no record ${fqdn}; have ${s.azure.dns.records.map((r) => r.fqdn).join(', ')}`);
  return x;
}

const SA = (name: string, extra = '', resource = 'backups') => `resource "azurerm_storage_account" "${resource}" {
  name                     = "${name}"
  resource_group_name      = "rg-mm-oob"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
${extra}}
`;

describe('storage accounts: AzureRM 3.x, 4.x and 5.x names', () => {
  it('3.x: enable_https_traffic_only, allow_blob_public_access, containers by storage_account_name', async () => {
    const files = {
      'main.tf': PROVIDER + SA('stmmoob3x', '  enable_https_traffic_only = false\n  allow_blob_public_access  = true\n  min_tls_version           = "TLS1_1"\n') + `
resource "azurerm_storage_container" "velero" {
  name                  = "velero"
  storage_account_name  = azurerm_storage_account.backups.name
  container_access_type = "container"
}
resource "azurerm_storage_container" "dumps" {
  name                 = "pg-dumps"
  storage_account_name = "stmmoob3x"
}
`,
    };
    const s = await snap(files);
    const a = account(s, 'stmmoob3x');
    expect(a).toMatchObject({ supportsHttpsTrafficOnly: false, allowBlobPublicAccess: true, minimumTlsVersion: 'TLS1_1', subscriptionId: OOB_SUB });
    expect(a.containers.map((c) => [c.name, c.publicAccess]).sort()).toEqual([['pg-dumps', 'None'], ['velero', 'Container']]);
    expect(a.unknown).toBeUndefined();
    // The finding about containers lands on the public container's access type.
    expect(a.origins?.['containers']).toMatchObject({ file: 'main.tf', line: lineIn(files['main.tf'], 'container_access_type = "container"') });
  });

  it('4.x: https_traffic_only_enabled, allow_nested_items_to_be_public, storage_account_id, inline customer-managed key', async () => {
    const s = await snap({
      'main.tf': PROVIDER + SA('stmmoob4x', `  https_traffic_only_enabled      = true
  allow_nested_items_to_be_public = false
  customer_managed_key {
    key_vault_key_id          = azurerm_key_vault_key.backups.versionless_id
    user_assigned_identity_id = azurerm_user_assigned_identity.storage.id
  }
`) + `
resource "azurerm_storage_container" "velero" {
  name               = "velero"
  storage_account_id = azurerm_storage_account.backups.id
}
`,
    });
    const a = account(s, 'stmmoob4x');
    expect(a).toMatchObject({ supportsHttpsTrafficOnly: true, allowBlobPublicAccess: false, minimumTlsVersion: 'TLS1_2' });
    expect(a.encryption).toEqual({ keySource: 'Microsoft.Keyvault', keyVaultKeyId: 'terraform:azurerm_key_vault_key.backups' });
    expect(a.containers).toEqual([{ name: 'velero', address: 'azurerm_storage_container.velero', publicAccess: 'None', immutabilityPolicy: null }]);
    expect(a.unknown).toBeUndefined();
  });

  it('5.x: an absent allow_nested_items_to_be_public is unknown (its default flipped to false in 5.0); split-out key_vault_key_id', async () => {
    const s = await snap({
      'main.tf': PROVIDER + SA('stmmoob5x', '  shared_access_key_enabled = false\n') + `
resource "azurerm_storage_account_customer_managed_key" "backups" {
  storage_account_id = azurerm_storage_account.backups.id
  key_vault_key_id   = "https://kv-mm-oob.vault.azure.net/keys/backups"
}
`,
    });
    const a = account(s, 'stmmoob5x');
    expect(a.allowBlobPublicAccess).toBeNull();
    expect(a.unknown?.['allowBlobPublicAccess']).toMatch(/true up to AzureRM 4\.x and false from 5\.0/);
    expect(a.encryption).toEqual({ keySource: 'Microsoft.Keyvault', keyVaultKeyId: 'https://kv-mm-oob.vault.azure.net/keys/backups' });
    expect(a.mergedFrom).toEqual(['azurerm_storage_account_customer_managed_key.backups']);
    expect(a.allowSharedKeyAccess).toBe(false);
  });

  it('management policy, network rules and container immutability (by literal ARM id) merge into the account', async () => {
    const files = {
      'main.tf': PROVIDER + SA('stmmoobpol', '  public_network_access_enabled = true\n') + `
resource "azurerm_storage_container" "velero" {
  name               = "velero"
  storage_account_id = azurerm_storage_account.backups.id
}
resource "azurerm_storage_container_immutability_policy" "velero" {
  storage_container_resource_manager_id = "/subscriptions/${OOB_SUB}/resourceGroups/rg-mm-oob/providers/Microsoft.Storage/storageAccounts/stmmoobpol/blobServices/default/containers/velero"
  immutability_period_in_days           = 30
}
resource "azurerm_storage_account_network_rules" "backups" {
  storage_account_id = azurerm_storage_account.backups.id
  default_action     = "Deny"
  ip_rules           = ["203.0.113.10"]
}
resource "azurerm_storage_management_policy" "backups" {
  storage_account_id = azurerm_storage_account.backups.id
  rule {
    name    = "tiering"
    enabled = false
    filters {
      blob_types = ["blockBlob"]
    }
    actions {
      base_blob {
        delete_after_days_since_modification_greater_than = 365
      }
      snapshot {
        delete_after_days_since_creation_greater_than = 30
      }
    }
  }
}
`,
    };
    const s = await snap(files);
    const a = account(s, 'stmmoobpol');
    expect(a.networkDefaultAction).toBe('Deny');
    expect(a.containers[0]!.immutabilityPolicy).toEqual({ periodDays: 30, state: 'Unlocked' });
    expect(a.managementPolicy).toEqual({
      rules: [{ name: 'tiering', enabled: false, prefixMatch: [], baseBlobDeleteAfterDays: 365, versionDeleteAfterDays: -1, snapshotDeleteAfterDays: 30 }],
    });
    expect(a.origins?.['networkDefaultAction']).toMatchObject({ line: lineIn(files['main.tf'], 'default_action     = "Deny"') });
    expect([...a.mergedFrom].sort()).toEqual([
      'azurerm_storage_account_network_rules.backups', 'azurerm_storage_container.velero',
      'azurerm_storage_container_immutability_policy.velero', 'azurerm_storage_management_policy.backups',
    ]);
  });

  it('a split-out resource whose account cannot be identified makes that part of every account unknown', async () => {
    const s = await snap({
      'main.tf': `variable "account_id" {\n  type = string\n}\n${SA('stmmooba')}${SA('stmmoobb', '', 'other')}
resource "azurerm_storage_management_policy" "p" {
  storage_account_id = var.account_id
}
resource "azurerm_storage_container" "c" {
  name               = "c"
  storage_account_id = var.account_id
}
`,
    });
    for (const n of ['stmmooba', 'stmmoobb']) {
      const a = account(s, n);
      expect(a.managementPolicy).toBeNull();
      expect(a.unknown?.['managementPolicy']).toMatch(/azurerm_storage_management_policy\.p configures a storage account that cannot be identified statically \(var\.account_id has no known value\)/);
      expect(a.unknown?.['containers']).toMatch(/azurerm_storage_container\.c/);
    }
  });

  it('object replication: regions compared (normalized), a destination outside the inputs is unknown', async () => {
    const s = await snap({
      'main.tf': PROVIDER + SA('stsrc') + SA('stdst', '', 'dst').replace('"westeurope"', '"North Europe"') + `
resource "azurerm_storage_object_replication" "dr" {
  source_storage_account_id      = azurerm_storage_account.backups.id
  destination_storage_account_id = azurerm_storage_account.dst.id
  rules {
    source_container_name      = "velero"
    destination_container_name = "velero"
  }
}
resource "azurerm_storage_object_replication" "external" {
  source_storage_account_id      = azurerm_storage_account.backups.id
  destination_storage_account_id = "/subscriptions/${OOB_SUB}/resourceGroups/rg-x/providers/Microsoft.Storage/storageAccounts/stelsewhere"
  rules {
    source_container_name      = "velero"
    destination_container_name = "velero"
  }
}
`,
    });
    const src = account(s, 'stsrc');
    expect(src.objectReplicationPolicies.map((p) => [p.sourceAccount, p.destinationAccount, p.sourceLocation, p.destinationLocation])).toEqual([
      ['stsrc', 'stdst', 'westeurope', 'northeurope'],
      ['stsrc', 'stelsewhere', 'westeurope', ''],
    ]);
    expect(Object.keys(src.unknown ?? {}).filter((k) => k.startsWith('objectReplicationPolicies'))).toEqual(['objectReplicationPolicies[1].destinationLocation']);
    expect(src.unknown?.['objectReplicationPolicies[1].destinationLocation']).toMatch(/stelsewhere is not among the inputs/);
    // The destination sees the policy too.
    expect(account(s, 'stdst').objectReplicationPolicies.map((p) => p.address)).toEqual(['azurerm_storage_object_replication.dr']);
  });
});

describe('subscription of a resource: resource id, else its provider configuration', () => {
  it('a provider alias, a module given the only configuration, and the ambiguous cases', async () => {
    const s = await snap({
      'main.tf': `${PROVIDER}provider "azurerm" {
  alias           = "corp"
  features {}
  subscription_id = "${PRIMARY_SUB}"
}
${SA('stcorp').replace('resource "azurerm_storage_account" "backups" {', 'resource "azurerm_storage_account" "backups" {\n  provider = azurerm.corp')}
module "dns" {
  source = "./modules/dns"
}
`,
      'modules/dns/main.tf': `resource "azurerm_dns_zone" "z" {\n  name                = "oob.example.org"\n  resource_group_name = "rg-dns"\n}\n`,
    });
    expect(account(s, 'stcorp').subscriptionId).toBe(PRIMARY_SUB);
    const zone = s.azure.dns.zones[0]!;
    expect(zone.address).toBe('module.dns.azurerm_dns_zone.z');
    // Two configurations exist: which one the module receives is not in the HCL.
    expect(zone.unknown?.['subscriptionId']).toMatch(/is in a module; which of the provider configurations \(azurerm, azurerm\.corp\)/);

    const single = await snap({
      'main.tf': `${PROVIDER}module "dns" {\n  source = "./modules/dns"\n}\n`,
      'modules/dns/main.tf': `resource "azurerm_dns_zone" "z" {\n  name                = "oob.example.org"\n  resource_group_name = "rg-dns"\n}\n`,
    });
    expect(single.azure.dns.zones[0]).toMatchObject({ subscriptionId: OOB_SUB });
    expect(single.azure.dns.zones[0]!.unknown).toBeUndefined();

    const none = await snap({ 'main.tf': SA('stnoprov') });
    expect(account(none, 'stnoprov').unknown?.['subscriptionId']).toMatch(/no provider "azurerm" configuration is among the inputs/);
  });
});

describe('PostgreSQL flexible server', () => {
  const PG = (extra = '') => `resource "azurerm_postgresql_flexible_server" "mattermost" {
  name                   = "psql-mm-oob"
  resource_group_name    = "rg-mm-oob"
  location               = "westeurope"
  version                = "16"
  sku_name               = "GP_Standard_D2ds_v5"
  administrator_login    = "mmadmin"
  administrator_password = "H@Sh1CoR3-not-in-the-model"
${extra}}
`;

  it('provider and Azure defaults when arguments are absent; the password never enters the model', async () => {
    const s = await snap({ 'main.tf': PROVIDER + PG() });
    const p = server(s);
    expect(p).toMatchObject({
      subscriptionId: OOB_SUB, version: '16',
      backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' },
      network: { publicNetworkAccess: 'Enabled', delegatedSubnetResourceId: '', privateDnsZoneArmResourceId: '' },
      highAvailability: { mode: 'Disabled' },
      authConfig: { activeDirectoryAuth: 'Disabled', passwordAuth: 'Enabled' },
      dataEncryption: { type: 'SystemManaged' },
      configurations: { require_secure_transport: 'on', ssl_min_protocol_version: 'TLSv1.2', log_connections: 'on', log_disconnections: 'on' },
      privateEndpoints: [], diagnosticSettings: [],
    });
    expect(p.unknown).toBeUndefined();
    expect(JSON.stringify(s)).not.toContain('H@Sh1CoR3');
  });

  it('VNet injection by reference is set (known after apply), and implies no public endpoint', async () => {
    const s = await snap({
      'main.tf': PROVIDER + PG(`  delegated_subnet_id = azurerm_subnet.db.id\n  private_dns_zone_id = azurerm_private_dns_zone.db.id\n`) + `
resource "azurerm_subnet" "db" {
  name                 = "snet-db"
  resource_group_name  = "rg-mm-oob"
  virtual_network_name = "vnet-mm-oob"
  address_prefixes     = ["10.20.3.0/24"]
}
resource "azurerm_private_dns_zone" "db" {
  name                = "mm-oob.postgres.database.azure.com"
  resource_group_name = "rg-mm-oob"
}
`,
    });
    const p = server(s);
    expect(p.network).toEqual({
      publicNetworkAccess: 'Disabled', delegatedSubnetResourceId: 'terraform:azurerm_subnet.db', privateDnsZoneArmResourceId: 'terraform:azurerm_private_dns_zone.db',
    });
    expect(p.unknown?.['network.delegatedSubnetResourceId']).toBeUndefined();
    expect(p.origins?.['network.delegatedSubnetResourceId']).toMatchObject({ line: 13 });
  });

  it('server parameters merge by reference (values normalized, other parameters ignored); an unidentifiable server_id makes them unknown', async () => {
    const s = await snap({
      'main.tf': `${PROVIDER}variable "server_id" {\n  type = string\n}\n${PG()}
resource "azurerm_postgresql_flexible_server_configuration" "tls" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.mattermost.id
  value     = "OFF"
}
resource "azurerm_postgresql_flexible_server_configuration" "floor" {
  name      = "ssl_min_protocol_version"
  server_id = azurerm_postgresql_flexible_server.mattermost.id
  value     = "TLSv1.3"
}
resource "azurerm_postgresql_flexible_server_configuration" "conns" {
  name      = "max_connections"
  server_id = var.server_id
  value     = "400"
}
resource "azurerm_postgresql_flexible_server_configuration" "logs" {
  name      = "log_connections"
  server_id = var.server_id
  value     = "off"
}
`,
    });
    const p = server(s);
    expect(p.configurations).toMatchObject({ require_secure_transport: 'off', ssl_min_protocol_version: 'TLSv1.3', log_connections: 'on' });
    expect(p.origins?.['configurations.require_secure_transport']).toMatchObject({ line: 21 });
    expect(Object.keys(p.unknown ?? {})).toEqual(['configurations.log_connections']);
    expect(p.unknown?.['configurations.log_connections']).toMatch(/azurerm_postgresql_flexible_server_configuration\.logs sets a server parameter on a server that cannot be identified statically/);
  });

  it('diagnostic settings: 4.x enabled_log, 3.x log with enabled, other targets ignored, settings without readable log blocks unknown', async () => {
    const s = await snap({
      'main.tf': PROVIDER + PG() + `
resource "azurerm_monitor_diagnostic_setting" "v4" {
  name                       = "diag-v4"
  target_resource_id         = azurerm_postgresql_flexible_server.mattermost.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.oob.id
  enabled_log {
    category_group = "audit"
  }
}
resource "azurerm_monitor_diagnostic_setting" "v3" {
  name               = "diag-v3"
  target_resource_id = azurerm_postgresql_flexible_server.mattermost.id
  storage_account_id = "/subscriptions/${OOB_SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stlogs"
  log {
    category = "PostgreSQLLogs"
    enabled  = false
  }
  log {
    category = "PostgreSQLFlexSessions"
  }
}
resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "diag-aks"
  target_resource_id         = azurerm_kubernetes_cluster.oob.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.oob.id
  enabled_log {
    category = "kube-audit"
  }
}
`,
    });
    const p = server(s);
    expect(p.diagnosticSettings.map((d) => [d.address, d.categories, d.categoryGroups, d.destinations])).toEqual([
      ['azurerm_monitor_diagnostic_setting.v3', ['PostgreSQLFlexSessions'], [], ['storageAccount']],
      ['azurerm_monitor_diagnostic_setting.v4', [], ['audit'], ['workspace']],
    ]);
    expect(p.unknown).toBeUndefined();

    const dyn = await snap({
      'main.tf': PG() + `
resource "azurerm_monitor_diagnostic_setting" "all" {
  name                       = "diag-all"
  target_resource_id         = azurerm_postgresql_flexible_server.mattermost.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.oob.id
  dynamic "enabled_log" {
    for_each = ["PostgreSQLLogs"]
    content {
      category = enabled_log.value
    }
  }
}
`,
    });
    expect(server(dyn).unknown?.['diagnosticSettings']).toMatch(/azurerm_monitor_diagnostic_setting\.all.*dynamic/);
  });

  it('private endpoints join onto the server and the storage account they connect', async () => {
    const s = await snap({
      'main.tf': PG('  public_network_access_enabled = false\n') + SA('stmmoobpe') + `
resource "azurerm_private_endpoint" "pg" {
  name                = "pe-psql"
  location            = "westeurope"
  resource_group_name = "rg-mm-oob"
  subnet_id           = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "psql"
    private_connection_resource_id = azurerm_postgresql_flexible_server.mattermost.id
    subresource_names              = ["postgresqlServer"]
    is_manual_connection           = false
  }
}
resource "azurerm_private_endpoint" "blob" {
  name                = "pe-blob"
  location            = "westeurope"
  resource_group_name = "rg-mm-oob"
  subnet_id           = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "blob"
    private_connection_resource_id = "/subscriptions/${OOB_SUB}/resourceGroups/rg-mm-oob/providers/Microsoft.Storage/storageAccounts/stmmoobpe"
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}
`,
    });
    expect(server(s).privateEndpoints).toEqual(['pe-psql']);
    expect(account(s, 'stmmoobpe').privateEndpoints).toEqual(['pe-blob']);
  });
});

describe('Traffic Manager', () => {
  const TM = `resource "azurerm_traffic_manager_profile" "mattermost" {
  name                   = "tm-mattermost"
  resource_group_name    = "rg-mm-oob-dns"
  traffic_routing_method = "Priority"
  dns_config {
    relative_name = "mm-chat-example"
    ttl           = 30
  }
  monitor_config {
    protocol                    = "https"
    port                        = 443
    path                        = "/api/v4/system/ping"
    expected_status_code_ranges = ["200-299", "301", "bogus"]
  }
}
`;

  it('profile defaults and monitor settings (protocol upper-cased, status ranges parsed)', async () => {
    const s = await snap({ 'main.tf': PROVIDER + TM });
    expect(profile(s)).toMatchObject({
      subscriptionId: OOB_SUB, profileStatus: 'Enabled', trafficRoutingMethod: 'Priority',
      dnsConfig: { relativeName: 'mm-chat-example', ttl: 30, fqdn: 'mm-chat-example.trafficmanager.net' },
      monitorConfig: {
        protocol: 'HTTPS', port: 443, path: '/api/v4/system/ping', intervalInSeconds: 30, timeoutInSeconds: 10, toleratedNumberOfFailures: 3,
        expectedStatusCodeRanges: [{ min: 200, max: 299 }, { min: 301, max: 301 }, { min: -1, max: -1 }],
      },
      endpoints: [],
    });
  });

  it('external, Azure (public IP with a DNS label) and nested endpoints join onto their profile', async () => {
    const s = await snap({
      'main.tf': PROVIDER + TM + `
resource "azurerm_public_ip" "oob" {
  name                = "pip-oob"
  resource_group_name = "rg-mm-oob"
  location            = "West Europe"
  allocation_method   = "Static"
  domain_name_label   = "mm-oob-ingress"
}
resource "azurerm_traffic_manager_external_endpoint" "primary" {
  name                 = "primary"
  profile_id           = azurerm_traffic_manager_profile.mattermost.id
  target               = "Chat.Corp.Example.com."
  priority             = 1
  always_serve_enabled = true
}
resource "azurerm_traffic_manager_azure_endpoint" "oob" {
  name               = "oob"
  profile_id         = azurerm_traffic_manager_profile.mattermost.id
  target_resource_id = azurerm_public_ip.oob.id
  priority           = 2
  enabled            = false
}
resource "azurerm_traffic_manager_nested_endpoint" "child" {
  name                    = "child"
  profile_id              = azurerm_traffic_manager_profile.mattermost.id
  target_resource_id      = "/subscriptions/${OOB_SUB}/resourceGroups/rg/providers/Microsoft.Network/trafficManagerProfiles/child"
  minimum_child_endpoints = 1
  priority                = 3
}
`,
    });
    const p = profile(s);
    const byName = Object.fromEntries(p.endpoints.map((e) => [e.name, e]));
    expect(byName['primary']).toMatchObject({ type: 'Microsoft.Network/trafficManagerProfiles/externalEndpoints', target: 'chat.corp.example.com', priority: 1, endpointStatus: 'Enabled', alwaysServe: 'Enabled' });
    expect(byName['oob']).toMatchObject({
      type: 'Microsoft.Network/trafficManagerProfiles/azureEndpoints', target: 'mm-oob-ingress.westeurope.cloudapp.azure.com',
      targetResourceId: 'terraform:azurerm_public_ip.oob', priority: 2, endpointStatus: 'Disabled', alwaysServe: 'Disabled',
    });
    expect(byName['child']).toMatchObject({ type: 'Microsoft.Network/trafficManagerProfiles/nestedEndpoints', priority: 3, target: '' });
    expect(p.unknown).toBeUndefined();
  });

  it('an absent priority is unknown (1 from AzureRM 4.0, creation order in 3.x); an unidentifiable profile makes every profile\'s endpoints unknown', async () => {
    const s = await snap({
      'main.tf': `variable "profile_id" {\n  type = string\n}\n${TM}
resource "azurerm_traffic_manager_external_endpoint" "primary" {
  name       = "primary"
  profile_id = azurerm_traffic_manager_profile.mattermost.id
  target     = "chat.corp.example.com"
}
resource "azurerm_traffic_manager_external_endpoint" "lost" {
  name       = "lost"
  profile_id = var.profile_id
  target     = "chat-oob.example.org"
  priority   = 2
}
`,
    });
    const p = profile(s);
    expect(p.endpoints.map((e) => [e.name, e.priority])).toEqual([['primary', null]]);
    expect(p.unknown?.['endpoints[0].priority']).toMatch(/sets no priority: AzureRM 4\.0 and later default it to 1, 3\.x computes it in creation order/);
    expect(p.unknown?.['endpoints']).toMatch(/azurerm_traffic_manager_external_endpoint\.lost belongs to a profile that cannot be identified statically/);
  });
});

describe('DNS zones and records', () => {
  it('apex and relative names, CNAMEs to Traffic Manager (literal, by reference, derived), alias A records', async () => {
    const s = await snap({
      'main.tf': `${PROVIDER}resource "azurerm_dns_zone" "z" {
  name                = "Example.org."
  resource_group_name = "rg-dns"
}
resource "azurerm_traffic_manager_profile" "mm" {
  name                   = "tm-mm"
  resource_group_name    = "rg-dns"
  traffic_routing_method = "Priority"
  dns_config {
    relative_name = "mm-chat-example"
    ttl           = 30
  }
  monitor_config {
    protocol = "TCP"
    port     = 443
  }
}
resource "azurerm_dns_a_record" "apex" {
  name                = "@"
  zone_name           = azurerm_dns_zone.z.name
  resource_group_name = "rg-dns"
  ttl                 = 300
  target_resource_id  = azurerm_traffic_manager_profile.mm.id
}
resource "azurerm_dns_a_record" "status" {
  name                = "status"
  zone_name           = azurerm_dns_zone.z.name
  resource_group_name = "rg-dns"
  ttl                 = 60
  records             = ["20.61.10.6", "20.61.10.7"]
}
resource "azurerm_dns_cname_record" "chat" {
  name                = "chat"
  zone_name           = azurerm_dns_zone.z.name
  resource_group_name = "rg-dns"
  ttl                 = 3600
  record              = azurerm_traffic_manager_profile.mm.fqdn
}
resource "azurerm_dns_cname_record" "legacy" {
  name                = "legacy"
  zone_name           = "example.org"
  resource_group_name = "rg-dns"
  ttl                 = 3600
  record              = "other-profile.trafficmanager.net."
}
resource "azurerm_dns_cname_record" "web" {
  name                = "web"
  zone_name           = "example.org"
  resource_group_name = "rg-dns"
  ttl                 = 300
  record              = azurerm_linux_web_app.site.default_hostname
}
`,
    });
    expect(s.azure.dns.zones.map((z) => [z.name, z.subscriptionId])).toEqual([['example.org', OOB_SUB]]);
    expect(record(s, 'example.org')).toMatchObject({ recordType: 'A', relativeName: '@', targetResource: { id: 'terraform:azurerm_traffic_manager_profile.mm' }, servedByTrafficManager: true, ttl: 300 });
    expect(record(s, 'status.example.org')).toMatchObject({ aRecords: [{ ipv4Address: '20.61.10.6' }, { ipv4Address: '20.61.10.7' }], servedByTrafficManager: false, targetResource: null });
    expect(record(s, 'chat.example.org')).toMatchObject({ recordType: 'CNAME', cnameRecord: { cname: 'mm-chat-example.trafficmanager.net' }, servedByTrafficManager: true });
    expect(record(s, 'chat.example.org').unknown).toBeUndefined();
    expect(record(s, 'legacy.example.org')).toMatchObject({ cnameRecord: { cname: 'other-profile.trafficmanager.net' }, servedByTrafficManager: true });
    const web = record(s, 'web.example.org');
    expect(web.servedByTrafficManager).toBe(false);
    expect(Object.keys(web.unknown ?? {}).sort()).toEqual(['cnameRecord', 'servedByTrafficManager']);
  });
});

describe('plan JSON', () => {
  const file = 'fixtures/terraform/plan/azure-data.plan.json';
  const text = readFileSync(path.join(PACKAGE_ROOT, file), 'utf8');

  it('maps the planned server, parameters, diagnostic setting, profile, records and storage; no secret survives', async () => {
    const s = await snap({ 'azure-data.plan.json': text });
    expect(text).toContain('Pg-Adm1n-SECRET-do-not-leak');
    expect(JSON.stringify(s)).not.toContain('Pg-Adm1n-SECRET');
    const p = server(s);
    expect(p).toMatchObject({
      origin: 'terraform-plan', subscriptionId: OOB_SUB,
      resourceId: `/subscriptions/${OOB_SUB}/resourceGroups/rg-mm-oob/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-mm-oob`,
      backup: { backupRetentionDays: 35, geoRedundantBackup: 'Enabled' },
      network: { publicNetworkAccess: 'Disabled' },
      highAvailability: { mode: 'ZoneRedundant', standbyAvailabilityZone: '2' },
      authConfig: { activeDirectoryAuth: 'Enabled', passwordAuth: 'Enabled' },
      configurations: { log_disconnections: 'off', log_connections: 'on' },
    });
    expect(p.diagnosticSettings.map((d) => [d.name, d.categories])).toEqual([['diag-psql-mm-oob', ['PostgreSQLLogs']]]);
    expect(p.unknown).toBeUndefined();
    // Findings in a plan point at the line where the resource's address first appears.
    expect(p.source.line).toBe(text.slice(0, text.indexOf('"address": "azurerm_postgresql_flexible_server.mattermost"')).split('\n').length);

    expect(profile(s).endpoints.map((e) => [e.name, e.target, e.priority])).toEqual([['primary', 'chat.corp.example.com', 1], ['oob-ingress', '20.61.10.5', 2]]);
    expect(record(s, 'chat.example.org')).toMatchObject({ cnameRecord: { cname: 'mm-chat-example.trafficmanager.net' }, servedByTrafficManager: true });

    const a = account(s, 'stoobvelero01');
    expect(a).toMatchObject({
      subscriptionId: OOB_SUB, allowBlobPublicAccess: false, infrastructureEncryption: true, networkDefaultAction: 'Allow', publicNetworkAccess: 'Disabled',
      blob: { isVersioningEnabled: true, deleteRetentionDays: 30, containerDeleteRetentionDays: 30 },
      immutability: { state: 'Unlocked', periodDays: 14, allowProtectedAppendWrites: false },
    });
    // The container's storage_account_id is known only after apply; the reference joins it.
    expect(a.containers.map((c) => c.name)).toEqual(['velero']);
    expect(a.managementPolicy?.rules[0]).toMatchObject({ name: 'expire-old-versions', versionDeleteAfterDays: 90, prefixMatch: ['velero/'] });
    // A computed network_rules block (not in the configuration) is Azure's default, not unknown.
    expect(a.unknown).toBeUndefined();
  });

  it('the storage accounts of azure-oob.plan.json: subscription from the resource id, or from the module\'s aliased provider', async () => {
    const s = await snap({ 'azure-oob.plan.json': readFileSync(path.join(PACKAGE_ROOT, 'fixtures/terraform/plan/azure-oob.plan.json'), 'utf8') });
    expect(account(s, 'stmmoobbackups')).toMatchObject({ subscriptionId: '00000000-aaaa-4bbb-8ccc-111111111111', replicationType: 'GZRS', allowBlobPublicAccess: false });
    expect(account(s, 'stmmoobbackupsdr')).toMatchObject({ subscriptionId: '44444444-eeee-4fff-8aaa-555555555555', providerKey: 'azurerm.dr' });
    expect(JSON.stringify(s.azure.storage)).not.toMatch(/SECRET|AccountKey=/);
  });
});

describe('rules on the plan and on HCL + manifests in one scan', async () => {
  const { rules } = await loadRules({ cwd: PACKAGE_ROOT });
  const mine = rules.filter((r) => r.meta.file.startsWith('rules/azure/') || r.meta.file.includes('/rules/azure/'));

  it('the planned PostgreSQL server fails exactly the checks its plan violates, at its address line', async () => {
    const text = readFileSync(path.join(PACKAGE_ROOT, 'fixtures/terraform/plan/azure-data.plan.json'), 'utf8');
    const { report } = await scanFiles({ 'plan.json': text }, { rules: mine, configData: { environment: { primary: { azureSubscriptionIds: [PRIMARY_SUB] }, oob: { hostnames: ['chat.example.org'] } } } });
    const status = (id: string) => report.findings.filter((f) => f.ruleId === id).map((f) => f.status);
    expect(status('ZT-MON-008.postgres')).toEqual(['fail']);
    expect(status('OOB-SEC-002.postgres-password')).toEqual(['fail']);
    for (const id of ['OOB-BKP-008', 'ZT-ENC-003.postgres', 'ZT-NET-008.postgres', 'ZT-HOST-006.postgres', 'OOB-DNS-005', 'OOB-DNS-006', 'OOB-DNS-008.azure', 'OOB-DNS-008.azure-zone', 'ZT-NET-009.storage', 'OOB-BKP-004.storage']) {
      expect(status(id), id).toEqual(['pass']);
    }
    // The vanity CNAME hands the name to Traffic Manager: not a failover record.
    expect(status('OOB-DNS-006.records')).toEqual([]);
    const mon = report.findings.find((f) => f.ruleId === 'ZT-MON-008.postgres')!;
    expect(mon.message).toMatch(/log_disconnections = off/);
    expect(mon.location?.file).toBe('plan.json');
  });

  it('Velero BSL (manifest) ↔ storage account (Terraform) ↔ provider subscription', async () => {
    const files = {
      'infra/main.tf': `${PROVIDER}provider "azurerm" {\n  alias           = "corp"\n  features {}\n  subscription_id = "${PRIMARY_SUB}"\n}\n${SA('stoobvelero01', '', 'velero')}${SA('stcorpvelero', '  provider = azurerm.corp\n', 'corp')}`,
      'k8s/velero.yaml': ['stoobvelero01', 'stcorpvelero'].map((acct, i) => `apiVersion: velero.io/v1
kind: BackupStorageLocation
metadata:
  name: bsl-${i}
  namespace: velero
spec:
  provider: velero.io/azure
  objectStorage:
    bucket: velero
  config:
    resourceGroup: rg-mm-oob
    storageAccount: ${acct}
    useAAD: "true"
`).join('---\n'),
    };
    const { report } = await scanFiles(files, { rules: mine.filter((r) => r.meta.id === 'OOB-ISO-004.azure'), configData: { environment: { oob: { azureSubscriptionId: OOB_SUB } } } });
    expect(report.findings.map((f) => [f.objectName, f.status]).sort()).toEqual([['stcorpvelero', 'fail'], ['stoobvelero01', 'pass']]);
    const fail = report.findings.find((f) => f.status === 'fail')!;
    expect(fail.message).toMatch(/used by BackupStorageLocation velero\/bsl-1, is deployed to subscription 0b8e4a21/);
    // Located at the subscription_id of the provider configuration that deploys it.
    expect(fail.location).toMatchObject({ file: 'infra/main.tf', startLine: 8 });
  });
});
