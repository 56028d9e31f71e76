/** JSON report (schema: schemas/report.schema.json, versioned by `schemaVersion`). */
import type { Report } from '../src/engine/types.ts';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
