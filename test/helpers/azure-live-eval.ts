/** Judge the collections of a live Azure scan with the built-in rules, as a scan would. */
import { defaultConfig, type OobguardConfig } from '../../src/config/config.ts';
import type { AzureLiveResult } from '../../src/collectors/azure-live/collect.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import type { Finding } from '../../src/engine/types.ts';
import { emptySnapshot } from '../../src/model/snapshot.ts';
import { loadRules } from '../../src/run.ts';
import { VERSION } from '../../src/version.ts';
import { FIXED_NOW } from './scan.ts';

export const credential = { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

export async function judgeLive(result: AzureLiveResult, config: OobguardConfig = defaultConfig()): Promise<Finding[]> {
  const snapshot = emptySnapshot(VERSION, FIXED_NOW);
  Object.assign(snapshot.azure, result.azure);
  snapshot.coverage = [result.coverage];
  const { rules } = await loadRules({ cwd: process.cwd() });
  return evaluate({ rules, snapshot, config, now: FIXED_NOW }).findings;
}

/** `objectName → status` of one rule's findings (Coverage findings keyed `coverage:<collection>`). */
export function statusesOf(findings: readonly Finding[], ruleId: string): Record<string, string> {
  return Object.fromEntries(findings.filter((f) => f.ruleId === ruleId).map((f) => [f.objectKind === 'Coverage' ? `coverage:${f.objectName}` : f.objectName, f.status]));
}
