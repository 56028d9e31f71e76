/** Framework mappings (rules/frameworks/*.yaml): control id → tenets, OOB domains, NIST, CISA. */
import type { FrameworkRefs } from './types.ts';

export interface FrameworkGroup { id: string; name: string; controls: string[]; partial?: string[] }
export interface FrameworkFile { id: string; name: string; groups: FrameworkGroup[]; outsideScope?: { controls: string[] } }
export interface ControlsFile { controls: { id: string; title: string; severity: string }[] }

export interface Frameworks {
  files: Record<string, FrameworkFile>;
  controls: ControlsFile['controls'];
  refs: (controlId: string) => FrameworkRefs;
}

export function buildFrameworks(files: Record<string, FrameworkFile>, controls: ControlsFile['controls']): Frameworks {
  const index = new Map<string, FrameworkRefs>();
  const get = (id: string): FrameworkRefs => {
    let r = index.get(id);
    if (!r) index.set(id, (r = { tenets: [], domains: [], nist: [], cisa: [] }));
    return r;
  };
  const fill = (fileId: string, key: keyof FrameworkRefs): void => {
    for (const g of files[fileId]?.groups ?? []) {
      for (const c of g.controls ?? []) get(c)[key].push(g.name);
      for (const c of g.partial ?? []) get(c)[key].push(`${g.name} (partial)`);
    }
  };
  fill('zero-trust-tenets', 'tenets');
  fill('oob-domains', 'domains');
  fill('nist-800-207', 'nist');
  fill('cisa-ztmm', 'cisa');
  return { files, controls, refs: (id) => index.get(id) ?? { tenets: [], domains: [], nist: [], cisa: [] } };
}
