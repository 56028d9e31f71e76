/** Baseline: read every corpus file and parse it with js-yaml (loadAll), nothing else. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadAll } from 'js-yaml';

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.name.endsWith('.yaml')) out.push(full);
  }
  return out;
}

let docs = 0;
for (const f of (await walk(process.argv[2]!)).sort()) loadAll(await readFile(f, 'utf8'), () => { docs++; });
process.stderr.write(`${JSON.stringify({ docs, maxRssKb: process.resourceUsage().maxRSS })}\n`);
