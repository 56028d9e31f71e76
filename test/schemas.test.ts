/** The Snapshot JSON Schema is generated from the model types; real snapshots must validate against it. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { collect, loadConfig } from '../src/run.ts';
import { snapshotSchemaText } from '../scripts/gen-schemas.ts';
import { scanFiles } from './helpers/scan.ts';

const committed = await readFile(path.join(PACKAGE_ROOT, 'schemas/snapshot.schema.json'), 'utf8');
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(committed) as object);

function errors(snapshot: unknown): string[] {
  // Through JSON, as `oobguard collect` writes it.
  return validate(JSON.parse(JSON.stringify(snapshot))) ? [] : (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

describe('schemas/snapshot.schema.json', () => {
  it('is up to date with src/model (run `npm run schemas`)', () => {
    expect(committed === snapshotSchemaText(), 'schemas/snapshot.schema.json is stale').toBe(true);
  }, 60_000);

  it('validates the snapshots of both examples', async () => {
    for (const dir of ['examples/hardened', 'examples/insecure']) {
      const { config } = await loadConfig({ cwd: PACKAGE_ROOT, paths: [dir] });
      const { snapshot } = await collect({ cwd: PACKAGE_ROOT, paths: [dir] }, config, '2026-11-20T12:00:00.000Z');
      expect(errors(snapshot), dir).toEqual([]);
    }
  });

  it('validates a snapshot with Terraform (AWS and Azure) content', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `provider "aws" {\n  allowed_account_ids = ["222222222222"]\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "oob-backups"\n}\nresource "aws_s3_bucket_versioning" "b" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\nresource "azurerm_storage_account" "s" {\n  name = "oobbackups"\n  resource_group_name = "rg"\n  location = "westeurope"\n  account_tier = "Standard"\n  account_replication_type = "GRS"\n}\n`,
    });
    expect(snapshot.aws.s3.buckets).toHaveLength(1);
    expect(errors(snapshot)).toEqual([]);
  });
});
