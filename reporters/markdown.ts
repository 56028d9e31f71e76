import type { Report } from '../src/engine/types.ts';
export function renderMarkdown(report: Report, _opts: { showPassed: boolean }): string {
  return `# oobguard: ${report.summary.verdict}\n`;
}
