/**
 * `terraform show -json` plans → TfCollection (src/collectors/terraform/plan.ts).
 *
 * The fixtures in fixtures/terraform/plan are modelled on real `terraform show -json` output:
 * aws-oob.plan.json is pretty-printed (as `jq .` leaves it), azure-oob.plan.json is one line (as
 * Terraform writes it). Both carry secrets in planned values, prior state and variables, as real
 * plans do; none may reach the collection.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adaptTerraform, at } from '../src/collectors/terraform/adapt.ts';
import { awsAdapter } from '../src/collectors/terraform/aws.ts';
import { azureAdapter } from '../src/collectors/terraform/azure.ts';
import { isTerraformPlan, loadPlan, SENSITIVE_NOT_READ, UNKNOWN_AFTER_APPLY, type PlanLoadResult } from '../src/collectors/terraform/plan.ts';
import type { TfCollection, TfProviderConfig, TfResource } from '../src/collectors/terraform/types.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';

const DIR = path.join(PACKAGE_ROOT, 'fixtures/terraform/plan');

function load(name: string): { text: string; json: unknown; result: PlanLoadResult; file: string } {
  const file = `fixtures/terraform/plan/${name}`;
  const text = readFileSync(path.join(DIR, name), 'utf8');
  const json: unknown = JSON.parse(text);
  return { text, json, file, result: loadPlan(file, json, { text }) };
}

function resource(c: TfCollection, address: string): TfResource {
  const r = c.resources.find((x) => x.address === address);
  if (!r) throw new Error(`${address} not loaded; have ${c.resources.map((x) => x.address).join(', ')}`);
  return r;
}

function provider(c: TfCollection, key: string): TfProviderConfig {
  const p = c.providers.find((x) => x.key === key);
  if (!p) throw new Error(`provider ${key} not loaded; have ${c.providers.map((x) => x.key).join(', ')}`);
  return p;
}

/** 1-based line of the first `"address": "<address>"` in the text. */
function lineOfAddress(text: string, address: string): number {
  const i = text.indexOf(`"address": ${JSON.stringify(address)}`);
  expect(i).toBeGreaterThanOrEqual(0);
  return text.slice(0, i).split('\n').length;
}

const aws = load('aws-oob.plan.json');
const azure = load('azure-oob.plan.json');

describe('AWS plan fixture', () => {
  const c = aws.result.collection;

  it('loads the planned state: every module, data sources read at plan time, not the deleted bucket', () => {
    expect(aws.result.diagnostics).toEqual([]);
    expect(c.resources.map((r) => r.address).sort()).toEqual([
      'aws_db_instance.mattermost',
      'aws_eks_cluster.oob',
      'aws_iam_role.eks',
      'aws_kms_key.backups',
      'aws_kms_key.eks',
      'aws_s3_bucket.backups',
      'aws_s3_bucket_server_side_encryption_configuration.backups',
      'aws_s3_bucket_versioning.backups',
      'data.aws_caller_identity.current',
      'data.aws_iam_policy_document.eks_assume',
      'data.aws_ssm_parameter.eks_public_endpoint',
      'module.dr_backups.aws_s3_bucket.this',
      'module.dr_backups.aws_s3_bucket_versioning.this',
      'module.network.aws_subnet.private[0]',
      'module.network.aws_subnet.private[1]',
      'module.network.aws_vpc.this',
      'module.network.data.aws_availability_zones.all',
    ]);
    expect(aws.result.resources).toBe(17);
    // aws_s3_bucket.legacy_logs is planned for deletion: in resource_changes and prior_state only.
    expect(aws.text).toContain('"aws_s3_bucket.legacy_logs"');
    expect(c.resources.some((r) => r.address.includes('legacy_logs'))).toBe(false);
    expect(JSON.stringify(c)).not.toContain('mm-legacy-logs');
  });

  it('EKS: known vpc_config values are read, computed ones are null and unknown', () => {
    const eks = resource(c, 'aws_eks_cluster.oob');
    expect(eks).toMatchObject({ mode: 'managed', type: 'aws_eks_cluster', name: 'oob', module: '', provider: 'aws' });
    expect(at(eks.values, 'vpc_config[0].endpoint_private_access')).toBe(true);
    expect(at(eks.values, 'vpc_config[0].public_access_cidrs')).toEqual(['203.0.113.10/32']);
    expect(at(eks.values, 'enabled_cluster_log_types')).toEqual(['api', 'audit', 'authenticator']);
    for (const p of ['vpc_config[0].endpoint_public_access', 'vpc_config[0].subnet_ids', 'arn', 'endpoint', 'encryption_config[0].provider[0].key_arn']) {
      expect(eks.unknown[p], p).toBe(UNKNOWN_AFTER_APPLY);
      expect(at(eks.values, p), p).toBeNull();
    }
    // Known values are not reported unknown.
    expect(eks.unknown['vpc_config[0].endpoint_private_access']).toBeUndefined();
    expect(eks.unknown['vpc_config[0].public_access_cidrs']).toBeUndefined();
    expect(eks.unknown['name']).toBeUndefined();
  });

  it('points every resource at the line of the plan where its address first appears', () => {
    const eks = resource(c, 'aws_eks_cluster.oob');
    expect(eks.source).toEqual({ file: 'fixtures/terraform/plan/aws-oob.plan.json', line: lineOfAddress(aws.text, 'aws_eks_cluster.oob') });
    expect(aws.text.split('\n')[eks.source.line - 1]).toContain('"aws_eks_cluster.oob"');
    const subnet = resource(c, 'module.network.aws_subnet.private[1]');
    expect(aws.text.split('\n')[subnet.source.line - 1]).toContain('"module.network.aws_subnet.private[1]"');
    const caller = resource(c, 'data.aws_caller_identity.current');
    expect(aws.text.split('\n')[caller.source.line - 1]).toContain('"data.aws_caller_identity.current"');
    expect(eks.lines).toEqual({});
    const dr = provider(c, 'aws.dr');
    expect(aws.text.split('\n')[dr.source.line - 1]).toContain('"aws.dr":');
  });

  it('split-out S3 resources reference their bucket (qualified inside modules), nested blocks too', () => {
    expect(resource(c, 'aws_s3_bucket_versioning.backups').refs['bucket']).toEqual(['aws_s3_bucket.backups']);
    const sse = resource(c, 'aws_s3_bucket_server_side_encryption_configuration.backups');
    expect(sse.refs).toEqual({
      bucket: ['aws_s3_bucket.backups'],
      'rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id': ['aws_kms_key.backups'],
    });
    expect(resource(c, 'module.dr_backups.aws_s3_bucket_versioning.this').refs['bucket']).toEqual(['module.dr_backups.aws_s3_bucket.this']);
    expect(resource(c, 'module.network.aws_subnet.private[0]').refs).toEqual({
      vpc_id: ['module.network.aws_vpc.this'],
      availability_zone: ['module.network.data.aws_availability_zones.all'],
    });
    // var.*, local.*, count.index are not addresses.
    expect(resource(c, 'module.network.aws_vpc.this').refs).toEqual({});
    expect(resource(c, 'aws_eks_cluster.oob').refs['vpc_config[0].endpoint_public_access']).toEqual(['data.aws_ssm_parameter.eks_public_endpoint']);
  });

  it('the AWS adapter merges versioning and KMS encryption into the bucket through those references', () => {
    const { aws: model } = adaptTerraform(c, [awsAdapter], 'terraform-plan');
    const b = model.s3.buckets.find((x) => x.address === 'aws_s3_bucket.backups');
    expect(b?.bucket).toBe('mm-oob-backups-111122223333');
    expect(b?.versioning.status).toBe('Enabled');
    expect(b?.encryption.rules.map((r) => r.sseAlgorithm)).toEqual(['aws:kms']);
    expect(b?.mergedFrom.sort()).toEqual(['aws_s3_bucket_server_side_encryption_configuration.backups', 'aws_s3_bucket_versioning.backups']);
    const dr = model.s3.buckets.find((x) => x.address === 'module.dr_backups.aws_s3_bucket.this');
    expect(dr?.versioning.status).toBe('Enabled');
    expect(dr?.providerKey).toBe('aws.dr');
    const scopes = Object.fromEntries(model.providers.map((p) => [p.providerKey, p]));
    expect(scopes['aws']?.allowedAccountIds).toEqual(['111122223333']);
    expect(scopes['aws.dr']?.assumeRoleAccountIds).toEqual(['444455556666']);
  });

  it('providers: keys, constants, assume_role blocks, variables resolved from the plan', () => {
    expect(c.providers.map((p) => p.key).sort()).toEqual(['aws', 'aws.dr', 'random']);
    const root = provider(c, 'aws');
    expect(root).toMatchObject({ name: 'aws', address: 'provider.aws', module: '' });
    expect(root.values['allowed_account_ids']).toEqual(['111122223333']);
    expect(root.values['region']).toBe('eu-central-1');
    expect(root.values['default_tags']).toEqual([{ tags: null }]);
    expect(root.unknown['default_tags[0].tags']).toMatch(/references local\.common_tags, not resolvable from the plan/);
    const dr = provider(c, 'aws.dr');
    expect(dr).toMatchObject({ name: 'aws', address: 'provider.aws.dr', module: '' });
    expect(dr.values).toEqual({
      region: 'eu-west-1',
      allowed_account_ids: ['444455556666'],
      assume_role: [{ role_arn: 'arn:aws:iam::444455556666:role/oob-terraform', session_name: 'oobguard-terraform' }],
    });
    expect(dr.unknown).toEqual({});
    // Resources get the configuration they use: a module given `providers = { aws = aws.dr }`, one inheriting the default.
    expect(resource(c, 'module.dr_backups.aws_s3_bucket.this').provider).toBe('aws.dr');
    expect(resource(c, 'module.network.aws_vpc.this').provider).toBe('aws');
    expect(resource(c, 'module.network.aws_vpc.this').module).toBe('module.network');
  });

  it('drops sensitive values (the database password) from values, prior state and variables alike', () => {
    const db = resource(c, 'aws_db_instance.mattermost');
    expect(db.values['password']).toBeNull();
    expect(db.unknown['password']).toBe(SENSITIVE_NOT_READ);
    expect(db.values['engine']).toBe('postgres');
    expect(aws.text).toContain('S3cr3t-Db-Passw0rd!');
    expect(JSON.stringify(c)).not.toContain('S3cr3t-Db-Passw0rd!');
    // Unknown and sensitive: it is unknown first (no secret exists yet).
    expect(resource(c, 'data.aws_ssm_parameter.eks_public_endpoint').unknown['value']).toBe(UNKNOWN_AFTER_APPLY);
    // The caller's parsed plan is left as it was.
    expect(JSON.stringify(aws.json)).toContain('S3cr3t-Db-Passw0rd!');
  });

  it('data sources: mode data, values from the prior state when read during planning', () => {
    const caller = resource(c, 'data.aws_caller_identity.current');
    expect(caller).toMatchObject({ mode: 'data', type: 'aws_caller_identity', name: 'current', provider: 'aws' });
    expect(caller.values['account_id']).toBe('111122223333');
    const doc = resource(c, 'data.aws_iam_policy_document.eks_assume');
    expect(JSON.parse(String(doc.values['json']))).toMatchObject({ Statement: [{ Principal: { Service: 'eks.amazonaws.com' } }] });
    expect(resource(c, 'data.aws_ssm_parameter.eks_public_endpoint').mode).toBe('data');
    // The role's policy is a JSON string in the plan (gotcha 4) and stays one.
    expect(typeof resource(c, 'aws_iam_role.eks').values['assume_role_policy']).toBe('string');
  });
});

describe('Azure plan fixture (one line, as Terraform writes it)', () => {
  const c = azure.result.collection;
  const SECRETS = [
    'Azur3-Cl1ent-S3cret~value.X9', // sensitive variable, referenced by the provider
    'pRiMaRyAcCeSsKeY-SECRET', 'sEcOnDaRyAcCeSsKeY-SECRET', 'AccountKey=', // storage keys / connection string
    'SECRETKEY', 'SECRETCERT', 'kubeCfgPassw0rd-SECRET', 'clusterUser_rg-mm-oob_aks-mm-oob', // kube_config, kube_config_raw
    'LAWprimarySharedKeySECRET', 'LAWsecondarySharedKeySECRET',
  ];

  it('loads the planned resources, not the deleted public IP nor the prior state of managed resources', () => {
    expect(azure.result.diagnostics).toEqual([]);
    expect(c.resources.map((r) => r.address).sort()).toEqual([
      'azurerm_kubernetes_cluster.oob',
      'azurerm_log_analytics_workspace.oob',
      'azurerm_monitor_diagnostic_setting.aks',
      'azurerm_resource_group.oob',
      'azurerm_storage_account.backups',
      'data.azurerm_client_config.current',
      'data.azurerm_subnet.aks',
      'module.dr.azurerm_resource_group.this',
      'module.dr.azurerm_storage_account.backups',
    ]);
    expect(c.resources.every((r) => r.source.line === 1 && r.source.file === 'fixtures/terraform/plan/azure-oob.plan.json')).toBe(true);
  });

  it('no secret of the plan reaches the collection', () => {
    const out = JSON.stringify(c);
    for (const s of SECRETS) {
      expect(azure.text, s).toContain(s);
      expect(out, s).not.toContain(s);
    }
    const sa = resource(c, 'azurerm_storage_account.backups');
    for (const p of ['primary_access_key', 'secondary_access_key', 'primary_connection_string']) {
      expect(sa.values[p], p).toBeNull();
      expect(sa.unknown[p], p).toBe(SENSITIVE_NOT_READ);
    }
    const aks = resource(c, 'azurerm_kubernetes_cluster.oob');
    expect(aks.values['kube_config']).toBeNull();
    expect(aks.values['kube_config_raw']).toBeNull();
    expect(aks.unknown['kube_config']).toBe(SENSITIVE_NOT_READ);
  });

  it('storage account and AKS settings are read as planned', () => {
    const sa = resource(c, 'azurerm_storage_account.backups');
    expect(sa.values).toMatchObject({ https_traffic_only_enabled: true, min_tls_version: 'TLS1_2', shared_access_key_enabled: false, account_replication_type: 'GZRS' });
    expect(at(sa.values, 'blob_properties[0].versioning_enabled')).toBe(true);
    expect(at(sa.values, 'network_rules[0].default_action')).toBe('Deny');
    const aks = resource(c, 'azurerm_kubernetes_cluster.oob');
    expect(at(aks.values, 'api_server_access_profile[0].authorized_ip_ranges')).toEqual(['203.0.113.0/28']);
    expect(at(aks.values, 'default_node_pool[0].host_encryption_enabled')).toBe(true);
    expect(aks.values['local_account_disabled']).toBe(true);
    expect(aks.refs['oms_agent[0].log_analytics_workspace_id']).toEqual(['azurerm_log_analytics_workspace.oob']);
    const diag = resource(c, 'azurerm_monitor_diagnostic_setting.aks');
    expect(diag.refs['target_resource_id']).toEqual(['azurerm_kubernetes_cluster.oob']);
    expect(diag.unknown).toEqual({ id: UNKNOWN_AFTER_APPLY });
  });

  it('a module given azurerm.dr: its resources use it; its new storage keys are unknown, not secret', () => {
    const dr = resource(c, 'module.dr.azurerm_storage_account.backups');
    expect(dr.provider).toBe('azurerm.dr');
    expect(dr.module).toBe('module.dr');
    expect(dr.unknown['primary_access_key']).toBe(UNKNOWN_AFTER_APPLY);
    expect(dr.refs['resource_group_name']).toEqual(['module.dr.azurerm_resource_group.this']);
    expect(resource(c, 'azurerm_storage_account.backups').provider).toBe('azurerm');
  });

  it('azurerm providers: subscription and tenant from variables, the client secret not read', () => {
    const p = provider(c, 'azurerm');
    expect(p.values['subscription_id']).toBe('00000000-aaaa-4bbb-8ccc-111111111111');
    expect(p.values['tenant_id']).toBe('22222222-dddd-4eee-8fff-333333333333');
    expect(p.values['features']).toEqual([{}]);
    expect(p.values['client_secret']).toBeNull();
    expect(p.unknown['client_secret']).toBe(SENSITIVE_NOT_READ);
    const dr = provider(c, 'azurerm.dr');
    expect(dr.values['subscription_id']).toBe('44444444-eeee-4fff-8aaa-555555555555');
    const { azure: model } = adaptTerraform(c, [azureAdapter], 'terraform-plan');
    expect(model.providers.map((s) => [s.providerKey, s.subscriptionId]).sort()).toEqual([
      ['azurerm', '00000000-aaaa-4bbb-8ccc-111111111111'],
      ['azurerm.dr', '44444444-eeee-4fff-8aaa-555555555555'],
    ]);
  });
});

// ---- small hand-built plans for the edges ---------------------------------------------------

type J = Record<string, unknown>;

function planOf(resources: J[], extra: J = {}): J {
  return { format_version: '1.2', terraform_version: '1.9.5', planned_values: { root_module: { resources } }, ...extra };
}
function res(address: string, values: J, more: J = {}): J {
  const m = /^(?:(data)\.)?([^.]+)\.([^.[]+)/.exec(address.replace(/^(module\.[^.]+(\[[^\]]+\])?\.)+/, ''))!;
  return { address, mode: m[1] ? 'data' : 'managed', type: m[2], name: m[3], provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values, ...more };
}
function change(address: string, actions: string[], c: J = {}, more: J = {}): J {
  return { address, mode: 'managed', type: address.split('.').at(-2), name: address.split('.').at(-1), change: { actions, ...c }, ...more };
}

describe('plan edges', () => {
  it('unknown nested values get a null even where the plan omitted the whole block', () => {
    const plan = planOf([res('aws_eks_cluster.x', { name: 'x' })], {
      resource_changes: [change('aws_eks_cluster.x', ['create'], { after_unknown: { vpc_config: [{ endpoint_public_access: true }], tags: { 'kubernetes.io/cluster/x': true } } })],
    });
    const r = loadPlan('p.json', plan).collection.resources[0]!;
    expect(r.unknown).toEqual({ 'vpc_config[0].endpoint_public_access': UNKNOWN_AFTER_APPLY, 'tags["kubernetes.io/cluster/x"]': UNKNOWN_AFTER_APPLY });
    expect(at(r.values, 'vpc_config[0].endpoint_public_access')).toBeNull();
    expect(r.values['name']).toBe('x');
  });

  it('a deposed object being deleted does not remove the current instance; replacements stay', () => {
    const plan = planOf([res('aws_s3_bucket.a', { bucket: 'a' }), res('aws_s3_bucket.b', { bucket: 'b' })], {
      resource_changes: [
        change('aws_s3_bucket.a', ['create'], { after_unknown: { arn: true } }),
        change('aws_s3_bucket.a', ['delete'], {}, { deposed: '00000001' }),
        change('aws_s3_bucket.b', ['delete', 'create'], { after_unknown: { id: true } }),
      ],
    });
    const c = loadPlan('p.json', plan).collection;
    expect(c.resources.map((r) => r.address)).toEqual(['aws_s3_bucket.a', 'aws_s3_bucket.b']);
    expect(c.resources[0]!.unknown).toEqual({ arn: UNKNOWN_AFTER_APPLY });
    expect(c.resources[1]!.unknown).toEqual({ id: UNKNOWN_AFTER_APPLY });
  });

  it('a resource whose change is a delete is skipped even if listed in planned_values', () => {
    const plan = planOf([res('aws_s3_bucket.gone', { bucket: 'gone' })], { resource_changes: [change('aws_s3_bucket.gone', ['delete'])] });
    const r = loadPlan('p.json', plan);
    expect(r.collection.resources).toEqual([]);
    expect(r.resources).toBe(0);
  });

  it('without planned_values, the planned state is read from resource_changes[].change.after', () => {
    const plan = {
      format_version: '1.1',
      resource_changes: [
        { ...change('aws_s3_bucket.keep', ['create'], { after: { bucket: 'keep', secret_thing: 'hunter2-xyz' }, after_unknown: { arn: true }, after_sensitive: { secret_thing: true } }), provider_name: 'registry.terraform.io/hashicorp/aws' },
        change('aws_s3_bucket.gone', ['delete'], { before: { bucket: 'gone' }, after: null }),
      ],
    };
    const c = loadPlan('p.json', plan).collection;
    expect(c.resources.map((r) => [r.address, r.values['bucket'], r.provider])).toEqual([['aws_s3_bucket.keep', 'keep', 'aws']]);
    expect(JSON.stringify(c)).not.toContain('hunter2-xyz');
    expect(c.resources[0]!.unknown).toEqual({ arn: UNKNOWN_AFTER_APPLY, secret_thing: SENSITIVE_NOT_READ });
  });

  it('a module with its own provider block, instantiated with for_each: keys, refs and variables per instance', () => {
    const plan = {
      format_version: '1.2',
      variables: { region: { value: 'eu-central-1' } },
      planned_values: { root_module: { child_modules: [{
        address: 'module.legacy["a"]',
        resources: [
          res('module.legacy["a"].aws_s3_bucket.x', { bucket: 'legacy-a' }),
          res('module.legacy["a"].aws_s3_bucket_versioning.x', { versioning_configuration: [{ status: 'Enabled' }] }),
        ],
      }] } },
      configuration: {
        provider_config: {
          aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { references: ['var.region'] } } },
          'module.legacy:aws': {
            name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', module_address: 'module.legacy',
            expressions: { region: { references: ['var.region'] }, profile: { references: ['var.profile'] }, allowed_account_ids: { references: ['var.accounts'] } },
          },
        },
        root_module: {
          module_calls: { legacy: {
            source: './legacy', for_each_expression: { constant_value: ['a'] },
            expressions: { region: { constant_value: 'us-east-2' }, accounts: { references: ['var.oob_accounts'] } },
            module: {
              resources: [
                { address: 'aws_s3_bucket.x', mode: 'managed', type: 'aws_s3_bucket', name: 'x', provider_config_key: 'module.legacy:aws', expressions: { bucket: { constant_value: 'legacy-a' } } },
                { address: 'aws_s3_bucket_versioning.x', mode: 'managed', type: 'aws_s3_bucket_versioning', name: 'x', provider_config_key: 'module.legacy:aws',
                  expressions: { bucket: { references: ['aws_s3_bucket.x.id', 'aws_s3_bucket.x'] } } },
              ],
              variables: { region: {}, profile: { default: 'oob' }, accounts: {} },
            },
          } },
        },
      },
    };
    const c = loadPlan('p.json', plan).collection;
    const v = resource(c, 'module.legacy["a"].aws_s3_bucket_versioning.x');
    expect(v.module).toBe('module.legacy["a"]');
    expect(v.provider).toBe('module.legacy.aws');
    expect(v.refs['bucket']).toEqual(['module.legacy["a"].aws_s3_bucket.x']);
    const p = provider(c, 'module.legacy.aws');
    expect(p).toMatchObject({ name: 'aws', module: 'module.legacy', address: 'module.legacy.provider.aws' });
    // region: from the module call's argument; profile: the variable's default; accounts: an unset root variable.
    expect(p.values['region']).toBe('us-east-2');
    expect(p.values['profile']).toBe('oob');
    expect(p.values['allowed_account_ids']).toBeNull();
    expect(p.unknown['allowed_account_ids']).toMatch(/var\.accounts.*not resolvable from the plan/);
    expect(provider(c, 'aws').values['region']).toBe('eu-central-1');
  });

  it('provider arguments: sensitive variables and secret-named arguments are never read; combined expressions are unknown', () => {
    const plan = planOf([], {
      variables: { key: { value: 'AKIAEXAMPLESECRET1' }, token: { value: 'tok-SECRET-42' }, a: { value: 'x' }, b: { value: 'y' } },
      configuration: {
        provider_config: { aws: { name: 'aws', expressions: {
          access_key: { constant_value: 'AKIAHARDCODED-SECRET' },
          secret_key: { references: ['var.key'] },
          region: { references: ['var.a', 'var.b'] },
          profile: { references: ['var.token'] },
          shared_config_files: {},
        } } },
        root_module: { variables: { token: { sensitive: true }, key: {}, a: {}, b: {} } },
      },
    });
    const p = loadPlan('p.json', plan).collection.providers[0]!;
    expect(p.unknown).toMatchObject({ access_key: SENSITIVE_NOT_READ, secret_key: SENSITIVE_NOT_READ, profile: SENSITIVE_NOT_READ });
    expect(p.unknown['region']).toMatch(/var\.a, var\.b/);
    expect(p.unknown['shared_config_files']).toMatch(/not resolvable/);
    expect(JSON.stringify(p)).not.toMatch(/SECRET/);
  });

  it('references to one instance name that instance; module outputs name the module call', () => {
    const plan = planOf([res('aws_route_table_association.a', { subnet_id: 'subnet-1' })], {
      configuration: { root_module: { resources: [{
        address: 'aws_route_table_association.a', mode: 'managed', type: 'aws_route_table_association', name: 'a', provider_config_key: 'aws',
        expressions: {
          subnet_id: { references: ['aws_subnet.private[0].id', 'aws_subnet.private[0]', 'aws_subnet.private'] },
          route_table_id: { references: ['module.network["eu"].route_table_id', 'module.network["eu"]', 'module.network'] },
          gateway_id: { references: ['each.value', 'local.gw', 'path.module'] },
        },
      }] } },
    });
    const r = loadPlan('p.json', plan).collection.resources[0]!;
    expect(r.refs).toEqual({ subnet_id: ['aws_subnet.private[0]'], route_table_id: ['module.network["eu"]'] });
  });

  it('without configuration, a resource uses its provider type as the key', () => {
    const c = loadPlan('p.json', planOf([res('aws_s3_bucket.a', { bucket: 'a' })])).collection;
    expect(c.resources[0]!.provider).toBe('aws');
    expect(c.resources[0]!.refs).toEqual({});
    expect(c.resources[0]!.source).toEqual({ file: 'p.json', line: 1 });
  });
});

describe('bad plans', () => {
  it.each(['2.0', '0.1', 'one'])('format_version %s: one error naming the file and the version, nothing loaded', (v) => {
    const r = loadPlan('plans/bad.json', { ...planOf([res('aws_s3_bucket.a', { bucket: 'a' })]), format_version: v });
    expect(r.resources).toBe(0);
    expect(r.collection).toEqual({ resources: [], providers: [] });
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'input/parse', severity: 'error', file: 'plans/bad.json' });
    expect(r.diagnostics[0]!.message).toContain('plans/bad.json');
    expect(r.diagnostics[0]!.message).toContain(JSON.stringify(v));
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'plan'],
    ['no format_version', { planned_values: { root_module: {} } }],
    ['a state file', { format_version: '1.0', values: { root_module: {} } }],
  ])('%s: one error, no throw', (_what, json) => {
    const r = loadPlan('x.json', json);
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['input/parse', 'error']]);
    expect(r.collection.resources).toEqual([]);
  });

  it('malformed entries are skipped with warnings; the good ones load', () => {
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: {
        resources: [42, { address: 'aws_s3_bucket.noname', type: 'aws_s3_bucket' }, res('aws_s3_bucket.ok', { bucket: 'ok' }), res('aws_s3_bucket.bad', ['not', 'an', 'object'] as unknown as J)],
        child_modules: 'nope',
      } },
      resource_changes: [7, { address: 'aws_s3_bucket.ok', change: 'weird' }],
      configuration: { provider_config: { aws: 'oops' }, root_module: { resources: 'no', module_calls: { m: 5 } } },
    };
    const r = loadPlan('m.json', plan);
    expect(r.collection.resources.map((x) => x.address)).toEqual(['aws_s3_bucket.ok']);
    expect(r.diagnostics.length).toBeGreaterThanOrEqual(4);
    expect(r.diagnostics.every((d) => d.severity === 'warning' && d.code === 'input/parse' && d.file === 'm.json')).toBe(true);
    expect(r.diagnostics.map((d) => d.path)).toEqual(expect.arrayContaining([
      'planned_values.root_module.resources[0]', 'planned_values.root_module.resources[1]', 'planned_values.root_module.child_modules',
    ]));
  });

  it('floods of malformed entries are summarized, not listed one by one', () => {
    const r = loadPlan('f.json', planOf(Array.from({ length: 500 }, () => ({ broken: true }))));
    expect(r.diagnostics.length).toBeLessThanOrEqual(21);
    expect(r.diagnostics.at(-1)!.message).toMatch(/480 more malformed entries/);
  });

  it('deeply nested unknown/sensitive mirrors do not overflow the stack', () => {
    let deep: unknown = true;
    for (let i = 0; i < 50_000; i++) deep = [deep];
    const plan = planOf([res('aws_s3_bucket.a', { bucket: 'a' })], { resource_changes: [change('aws_s3_bucket.a', ['create'], { after_unknown: { rule: deep }, after_sensitive: { rule: deep } })] });
    const r = loadPlan('d.json', plan);
    expect(r.resources).toBe(1);
    expect(Object.keys(r.collection.resources[0]!.unknown)).toHaveLength(1);
  });

  it('more resources than maxResources: one error, nothing loaded', () => {
    const rs = Array.from({ length: 11 }, (_, i) => res(`aws_s3_bucket.b${i}`, { bucket: `b${i}` }));
    const over = loadPlan('big.json', planOf(rs), { maxResources: 10 });
    expect(over.resources).toBe(0);
    expect(over.collection.resources).toEqual([]);
    expect(over.diagnostics).toHaveLength(1);
    expect(over.diagnostics[0]).toMatchObject({ code: 'input/too-large', severity: 'error', file: 'big.json' });
    expect(over.diagnostics[0]!.message).toMatch(/more than 10 resources/);
    expect(loadPlan('big.json', planOf(rs.slice(1)), { maxResources: 10 }).resources).toBe(10);
  });
});

describe('isTerraformPlan', () => {
  it('recognizes plans and nothing else', () => {
    expect(isTerraformPlan(aws.json)).toBe(true);
    expect(isTerraformPlan(azure.json)).toBe(true);
    expect(isTerraformPlan({ format_version: '1.2', resource_changes: [] })).toBe(true);
    expect(isTerraformPlan({ format_version: '1.0', values: { root_module: {} } })).toBe(false); // terraform show -json of a state
    expect(isTerraformPlan({ apiVersion: 'v1', kind: 'ConfigMap' })).toBe(false);
    expect(isTerraformPlan({ planned_values: {} })).toBe(false);
    expect(isTerraformPlan(null)).toBe(false);
    expect(isTerraformPlan([])).toBe(false);
  });
});

describe('a large plan', () => {
  /** 15,000 resources: 3,000 in the root, 3 modules × 2 nested × 2,000 (count), each with a change and configuration. */
  function bigPlan(): J {
    const changes: J[] = [];
    const rootConfig: J = { resources: [], module_calls: {} };
    const bucket = (i: number): J => ({ bucket: `b-${i}`, force_destroy: false, tags: { n: String(i) } });
    const rootResources = Array.from({ length: 3000 }, (_, i) => {
      changes.push(change(`aws_s3_bucket.r${i}`, ['create'], { after: bucket(i), after_unknown: { arn: true, id: true }, after_sensitive: {} }));
      (rootConfig['resources'] as J[]).push({ address: `aws_s3_bucket.r${i}`, mode: 'managed', type: 'aws_s3_bucket', name: `r${i}`, provider_config_key: 'aws', expressions: { bucket: { constant_value: `b-${i}` } } });
      return res(`aws_s3_bucket.r${i}`, bucket(i));
    });
    const childModules = ['a', 'b', 'c'].map((m) => {
      const inner = ['x', 'y'].map((n) => {
        const addr = `module.${m}.module.${n}`;
        const resources = Array.from({ length: 2000 }, (_, i) => {
          const a = `${addr}.aws_s3_bucket_versioning.v[${i}]`;
          changes.push(change(a, ['create'], { after_unknown: { id: true, bucket: true } }, { module_address: addr, index: i }));
          return { ...res(a, { versioning_configuration: [{ status: 'Enabled' }] }), index: i };
        });
        return { address: addr, resources };
      });
      (rootConfig['module_calls'] as J)[m] = { source: `./${m}`, module: { module_calls: Object.fromEntries(['x', 'y'].map((n) => [n, { source: `./${n}`, module: { resources: [
        { address: 'aws_s3_bucket_versioning.v', mode: 'managed', type: 'aws_s3_bucket_versioning', name: 'v', provider_config_key: 'aws', count_expression: { constant_value: 2000 },
          expressions: { bucket: { references: ['aws_s3_bucket.src.id', 'aws_s3_bucket.src'] } } },
      ] } }])) } };
      return { address: `module.${m}`, child_modules: inner };
    });
    return {
      format_version: '1.2', terraform_version: '1.9.5',
      planned_values: { root_module: { resources: rootResources, child_modules: childModules } },
      resource_changes: changes,
      configuration: { provider_config: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-central-1' } } } }, root_module: rootConfig },
    };
  }

  it('15,000 resources load, with unknowns, refs and lines (one-line text, as Terraform writes it)', () => {
    const plan = bigPlan();
    const text = JSON.stringify(plan);
    const r = loadPlan('big.plan.json', JSON.parse(text), { text });
    expect(r.diagnostics).toEqual([]);
    expect(r.resources).toBe(15_000);
    const last = resource(r.collection, 'module.c.module.y.aws_s3_bucket_versioning.v[1999]');
    expect(last).toMatchObject({ module: 'module.c.module.y', provider: 'aws', source: { file: 'big.plan.json', line: 1 } });
    expect(last.refs).toEqual({ bucket: ['module.c.module.y.aws_s3_bucket.src'] });
    expect(last.unknown).toEqual({ id: UNKNOWN_AFTER_APPLY, bucket: UNKNOWN_AFTER_APPLY });
    expect(resource(r.collection, 'aws_s3_bucket.r2999').values['bucket']).toBe('b-2999');
  });

  it('pretty-printed, every resource points at its own line', () => {
    const plan = bigPlan();
    const text = JSON.stringify(plan, null, 2);
    const lines = text.split('\n');
    const r = loadPlan('big.plan.json', JSON.parse(text), { text });
    expect(r.resources).toBe(15_000);
    for (const x of r.collection.resources) {
      if (!lines[x.source.line - 1]!.includes(JSON.stringify(x.address))) throw new Error(`${x.address}: line ${x.source.line} is ${lines[x.source.line - 1]}`);
    }
  });
});
