/** The pre-drill audit as JSON (`oobguard drill --format json`; schema: schemas/drill.schema.json, versioned by `schemaVersion`). */
import type { DrillResult } from '../src/drill/types.ts';

export function renderDrillJson(result: DrillResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
