/**
 * `npm run bench`: the scanner against js-yaml parsing the same corpus, measured in one run with
 * interleaved repetitions (the machine is shared and noisy: compare ratios, not seconds).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate.ts';
import { generatePlan, generateTerraformTree } from './generate-terraform.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = path.join(root, 'bench', 'corpus');
const reps = Number(process.env['BENCH_REPS'] ?? 5);

function runNode(args: string[]): { ms: number; rssMb: number; code: number | null; exit: number | null; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  const last = r.stderr.trim().split('\n').pop() ?? '{}';
  let rssMb = NaN;
  let exit: number | null = r.status;
  try {
    const j = JSON.parse(last) as { maxRssKb: number; code?: number };
    rssMb = j.maxRssKb / 1024;
    if (typeof j.code === 'number') exit = j.code;
  } catch {
    /* ignore */
  }
  return { ms, rssMb, code: r.status, exit, stderr: r.stderr };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const stats = await generateCorpus(corpus);
const mb = stats.bytes / 1048576;
process.stdout.write(`corpus: ${stats.documents} documents, ${stats.files} files, ${mb.toFixed(2)} MB, ${stats.violating} documents with a planted violation\n`);

const parse: number[] = [];
const scan: number[] = [];
const scanRss: number[] = [];
let scanCode: number | null = null;
for (let i = 0; i < reps; i++) {
  const p = runNode(['bench/parse-only.ts', corpus]);
  parse.push(p.ms);
  const s = runNode(['bench/scan-child.ts', 'scan', corpus, '--format', 'sarif', '-o', '/dev/null', '--quiet']);
  scan.push(s.ms);
  scanRss.push(s.rssMb);
  scanCode = s.exit;
}
// The Kubernetes + Mattermost example (issue 2's target), and the Terraform blueprints, which also
// pay the HCL parser's WebAssembly start-up.
const exampleSets = ['examples/hardened', 'examples/aws/hardened', 'examples/azure/hardened'].filter((d) => existsSync(path.join(root, d)));
const exampleTimes = new Map<string, number[]>(exampleSets.map((d) => [d, []]));
for (let i = 0; i < reps; i++) for (const d of exampleSets) exampleTimes.get(d)!.push(runNode(['bin/oobguard.js', 'scan', d, '--quiet']).ms);
const examples = exampleTimes.get('examples/hardened') ?? [];
// Terraform: a ~550-file tree with local modules, and a 15,000-resource plan.
const tfDir = path.join(root, 'bench', 'terraform');
const tfStats = await generateTerraformTree(path.join(tfDir, 'tree'));
const planResources = await generatePlan(path.join(tfDir, 'plan', 'plan.json'));
const tfTree: number[] = [];
const tfTreeRss: number[] = [];
const tfPlan: number[] = [];
const tfPlanRss: number[] = [];
for (let i = 0; i < reps; i++) {
  const t = runNode(['bench/scan-child.ts', 'scan', path.join(tfDir, 'tree'), '--format', 'sarif', '-o', '/dev/null', '--quiet']);
  tfTree.push(t.ms);
  tfTreeRss.push(t.rssMb);
  const pl = runNode(['bench/scan-child.ts', 'scan', path.join(tfDir, 'plan'), '--format', 'sarif', '-o', '/dev/null', '--quiet']);
  tfPlan.push(pl.ms);
  tfPlanRss.push(pl.rssMb);
}
const p = median(parse);
const s = median(scan);
const rows = [
  ['js-yaml parse only (baseline)', `${p.toFixed(0)} ms`, `${(stats.documents / (p / 1000)).toFixed(0)}`, `${(mb / (p / 1000)).toFixed(1)}`, '—', '1.00×'],
  [`full scan, all rules, SARIF (exit ${scanCode})`, `${s.toFixed(0)} ms`, `${(stats.documents / (s / 1000)).toFixed(0)}`, `${(mb / (s / 1000)).toFixed(1)}`, `${median(scanRss).toFixed(0)} MB`, `${(s / p).toFixed(2)}×`],
];
process.stdout.write(`\nmedian of ${reps} interleaved runs, whole processes (Node ${process.versions.node})\n\n`);
process.stdout.write('| run | wall | documents/s | MB/s | peak RSS | ratio to parse-only |\n|---|---|---|---|---|---|\n');
for (const r of rows) process.stdout.write(`| ${r.join(' | ')} |\n`);
for (const [d, times] of exampleTimes) process.stdout.write(`| scan ${d}/ | ${median(times).toFixed(0)} ms | | | | |\n`);
process.stdout.write(`\nTerraform: tree of ${tfStats.files} .tf files (${(tfStats.bytes / 1048576).toFixed(2)} MB) and a plan with ${planResources} resources\n\n`);
process.stdout.write('| run | wall | peak RSS | target |\n|---|---|---|---|\n');
process.stdout.write(`| scan the Terraform tree, all rules, SARIF | ${median(tfTree).toFixed(0)} ms | ${median(tfTreeRss).toFixed(0)} MB | ≤ 1.5 s, ≤ 1 GB → ${median(tfTree) <= 1500 && median(tfTreeRss) <= 1024 ? 'met' : 'MISSED'} |\n`);
process.stdout.write(`| scan the plan JSON, all rules, SARIF | ${median(tfPlan).toFixed(0)} ms | ${median(tfPlanRss).toFixed(0)} MB | ≤ 3 s, ≤ 1 GB → ${median(tfPlan) <= 3000 && median(tfPlanRss) <= 1024 ? 'met' : 'MISSED'} |\n`);
process.stdout.write(`\ntargets: ratio ≤ 2.5× → ${(s / p) <= 2.5 ? 'met' : 'MISSED'}; peak RSS ≤ 400 MB → ${median(scanRss) <= 400 ? 'met' : 'MISSED'}${examples.length ? `; examples/hardened ≤ 300 ms → ${median(examples) <= 300 ? 'met' : 'MISSED'}` : ''}\n`);
// Live collection against the local API servers with injected latency (bench/live.ts).
const live = spawnSync(process.execPath, ['bench/live.ts'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 });
process.stdout.write(live.stdout);
if (live.status !== 0) process.stdout.write(`\nlive benchmark failed (exit ${live.status}): ${live.stderr.trim().split('\n').slice(-5).join('\n')}\n`);
