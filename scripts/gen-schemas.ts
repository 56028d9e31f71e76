/**
 * `npm run schemas`: the Snapshot JSON Schema, generated from the model's TypeScript types
 * (src/model/*.ts) with their doc comments as descriptions. test/schemas.test.ts fails when the
 * committed schema is stale, and validates real snapshots against it.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { PACKAGE_ROOT } from '../src/rule-files.ts';

export function snapshotSchemaText(): string {
  const schema = createGenerator({
    path: path.join(PACKAGE_ROOT, 'src/model/snapshot.ts'),
    tsconfig: path.join(PACKAGE_ROOT, 'scripts/tsconfig.schema.json'),
    type: 'Snapshot',
    skipTypeCheck: true,
    additionalProperties: false,
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
  }).createSchema('Snapshot');
  schema.$id = 'https://oobguard.dev/schemas/snapshot.json';
  schema.title = 'oobguard Snapshot';
  schema.description = 'Everything oobguard collected, normalized, with provenance and explicit unknowns (oobguard collect). Generated from src/model/*.ts by npm run schemas.';
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(path.join(PACKAGE_ROOT, 'schemas', 'snapshot.schema.json'), snapshotSchemaText());
  process.stdout.write('wrote schemas/snapshot.schema.json\n');
}
