/**
 * Deterministic Terraform corpus for the benchmark: a tree of ~550 .tf files (~1.1 MB) — root
 * modules per environment with local modules — and a plan JSON with 15,000 resources.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const S3 = (n: number, bad: boolean): string => `resource "aws_s3_bucket" "b${n}" {
  bucket = "\${var.prefix}-data-${n}"
  tags = {
    Team        = "team-${n % 17}"
    Environment = var.environment
  }
}

resource "aws_s3_bucket_versioning" "b${n}" {
  bucket = aws_s3_bucket.b${n}.id
  versioning_configuration {
    status = "${bad ? 'Suspended' : 'Enabled'}"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "b${n}" {
  bucket = aws_s3_bucket.b${n}.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "b${n}" {
  bucket                  = aws_s3_bucket.b${n}.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = ${bad ? 'false' : 'true'}
  restrict_public_buckets = true
}
`;

const IAM = (n: number): string => `resource "aws_iam_role" "r${n}" {
  name = "\${var.prefix}-role-${n}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = var.oidc_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "\${var.oidc_issuer}:sub" = "system:serviceaccount:team-${n % 17}:app-${n}"
          "\${var.oidc_issuer}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}

data "aws_iam_policy_document" "p${n}" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:aws:s3:::\${var.prefix}-data-${n}/*"]
  }
}

resource "aws_iam_role_policy" "p${n}" {
  name   = "data-${n}"
  role   = aws_iam_role.r${n}.id
  policy = data.aws_iam_policy_document.p${n}.json
}
`;

const AZ = (n: number, bad: boolean): string => `resource "azurerm_storage_account" "s${n}" {
  name                     = "oobdata${n}"
  resource_group_name      = var.resource_group
  location                 = var.location
  account_tier             = "Standard"
  account_replication_type = "${bad ? 'LRS' : 'GRS'}"
  min_tls_version          = "TLS1_2"
  https_traffic_only_enabled = true
  public_network_access_enabled = false

  blob_properties {
    versioning_enabled = true
    delete_retention_policy {
      days = 14
    }
  }
}
`;

export interface TfCorpusStats { files: number; bytes: number; dir: string }

export async function generateTerraformTree(dir: string, files = 550): Promise<TfCorpusStats> {
  await rm(dir, { recursive: true, force: true });
  let bytes = 0;
  const write = async (p: string, text: string): Promise<void> => {
    await mkdir(path.dirname(p), { recursive: true });
    await writeFile(p, text);
    bytes += Buffer.byteLength(text);
  };
  let n = 0;
  let count = 0;
  // 10 environments, each: a root module (providers, variables, module calls) + 4 local modules.
  for (let env = 0; env < 10 && count < files; env++) {
    const root = path.join(dir, `env-${env}`);
    await write(path.join(root, 'providers.tf'), `terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "~> 5.0" }\n    azurerm = { source = "hashicorp/azurerm", version = "~> 4.0" }\n  }\n}\n\nprovider "aws" {\n  region              = "eu-west-1"\n  allowed_account_ids = ["2222222222${String(env).padStart(2, '0')}"]\n}\n\nprovider "azurerm" {\n  features {}\n  subscription_id = "00000000-0000-4000-8000-0000000000${String(env).padStart(2, '0')}"\n}\n`);
    await write(path.join(root, 'variables.tf'), `variable "prefix" {\n  default = "oob-${env}"\n}\nvariable "environment" {\n  default = "oob"\n}\nvariable "kms_key_arn" {\n  default = "arn:aws:kms:eu-west-1:222222222222:key/abc"\n}\n`);
    await write(path.join(root, 'terraform.tfvars'), `environment = "oob-${env}"\n`);
    const mods: string[] = [];
    for (let m = 0; m < 4; m++) mods.push(`module "m${m}" {\n  source            = "../modules/env-${env}-m${m}"\n  prefix            = var.prefix\n  environment       = var.environment\n  kms_key_arn       = var.kms_key_arn\n  oidc_provider_arn = "arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"\n  oidc_issuer       = "oidc.eks.eu-west-1.amazonaws.com/id/ABC"\n  resource_group    = "rg-oob-${env}"\n  location          = "westeurope"\n}\n`);
    await write(path.join(root, 'main.tf'), mods.join('\n'));
    count += 4;
    for (let m = 0; m < 4; m++) {
      const mdir = path.join(dir, 'modules', `env-${env}-m${m}`);
      await write(path.join(mdir, 'variables.tf'), ['prefix', 'environment', 'kms_key_arn', 'oidc_provider_arn', 'oidc_issuer', 'resource_group', 'location'].map((v) => `variable "${v}" {}\n`).join(''));
      count++;
      for (let f = 0; f < 12 && count < files; f++, count++) {
        const parts: string[] = [];
        for (let k = 0; k < 3; k++, n++) {
          const bad = n % 5 === 0;
          parts.push(f % 3 === 0 ? IAM(n) : f % 3 === 1 ? S3(n, bad) : AZ(n, bad));
        }
        await write(path.join(mdir, `part-${f}.tf`), parts.join('\n'));
      }
    }
  }
  return { files: count, bytes, dir };
}

/** A plan JSON with `resources` planned resources (S3 buckets with split-out resources). */
export async function generatePlan(file: string, resources = 15_000): Promise<number> {
  const planned: unknown[] = [];
  const changes: unknown[] = [];
  for (let i = 0; planned.length < resources; i++) {
    const bucket = { address: `aws_s3_bucket.b${i}`, mode: 'managed', type: 'aws_s3_bucket', name: `b${i}`, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: { bucket: `oob-data-${i}`, force_destroy: false, tags: { Team: `t${i % 17}` } }, sensitive_values: { tags: {} } };
    const vers = { address: `aws_s3_bucket_versioning.b${i}`, mode: 'managed', type: 'aws_s3_bucket_versioning', name: `b${i}`, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: { bucket: `oob-data-${i}`, expected_bucket_owner: null, mfa: null, versioning_configuration: [{ mfa_delete: null, status: i % 5 === 0 ? 'Suspended' : 'Enabled' }] }, sensitive_values: { versioning_configuration: [{}] } };
    const pab = { address: `aws_s3_bucket_public_access_block.b${i}`, mode: 'managed', type: 'aws_s3_bucket_public_access_block', name: `b${i}`, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: { bucket: `oob-data-${i}`, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }, sensitive_values: {} };
    for (const r of [bucket, vers, pab]) {
      planned.push(r);
      changes.push({ address: r.address, mode: 'managed', type: r.type, name: r.name, provider_name: r.provider_name, change: { actions: ['create'], before: null, after: r.values, after_unknown: { id: true, arn: true }, before_sensitive: false, after_sensitive: {} } });
    }
  }
  const plan = {
    format_version: '1.2', terraform_version: '1.9.8',
    planned_values: { root_module: { resources: planned } },
    resource_changes: changes,
    configuration: { provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { allowed_account_ids: { constant_value: ['222222222222'] }, region: { constant_value: 'eu-west-1' } } } }, root_module: { resources: [] } },
  };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(plan));
  return planned.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? 'bench/terraform';
  process.stdout.write(`${JSON.stringify(await generateTerraformTree(path.join(out, 'tree')))}\n`);
  process.stdout.write(`${await generatePlan(path.join(out, 'plan', 'plan.json'))} planned resources\n`);
}
