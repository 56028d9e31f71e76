/**
 * Live-collection benchmark (`npm run bench:live`, also run by `npm run bench`): 3 AWS accounts
 * (assumed roles) × 4 regions and 2 Azure subscriptions, read through the scanner's own pipeline
 * (`collect`) from the local wire-protocol servers of the test suite — in a separate process
 * (bench/live-servers.ts), as real APIs would be — with `BENCH_LATENCY_MS` (default 50) of network
 * latency injected per round trip by a TCP proxy.
 *
 * Reported: API calls, wall time at the default concurrency, and the critical path — the longest
 * chain of dependent calls × latency. The chain length is measured, not assumed: the same
 * collection runs with unlimited concurrency and a 250 ms latency, where local work is small
 * against it and wall ÷ latency is the number of calls in the longest chain. Duplicate calls (the
 * same request by the same identity in the same region twice) are counted from the servers' logs.
 * Targets: wall ≤ 1.5 × critical path, zero duplicates. Every SDK is loaded by a warm-up run first.
 *
 * Knobs for exploring: BENCH_REPS (default 5), BENCH_CONCURRENCY (the scan's `concurrency`),
 * BENCH_ONLY=aws|azure, BENCH_SHOW_GAPS=1 (coverage gaps on stderr; Graph is skipped on purpose).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { TokenCredential } from '@azure/identity';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { defaultConfig } from '../src/config/config.ts';
import { collect } from '../src/run.ts';
import { ACCOUNTS, SUBSCRIPTIONS, type ParentMessage, type ServerMessage } from './live-servers.ts';

process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
process.env['NO_PROXY'] = '127.0.0.1';

const LATENCY = Number(process.env['BENCH_LATENCY_MS'] ?? 50);
const CHAIN_LATENCY = 250;
const REGIONS = ['eu-central-1', 'eu-west-1', 'us-east-1', 'us-west-2'];
const BASE_KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const credential: TokenCredential = { getToken: async () => ({ token: 'bench-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

interface Far { child: ChildProcess; awsEndpoint: string; armEndpoint: string; ca: string }

function ask<T extends ServerMessage>(child: ChildProcess, m: ParentMessage, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const on = (r: ServerMessage): void => { if (key in r) { child.off('message', on); resolve(r as T); } };
    child.on('message', on);
    child.once('exit', (code) => reject(new Error(`benchmark servers exited (${code})`)));
    child.send(m);
  });
}

async function start(latency: number): Promise<Far> {
  const child = fork(new URL('./live-servers.ts', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { started } = await ask<Extract<ServerMessage, { started: unknown }>>(child, { start: latency }, 'started');
  return { child, ...started };
}

async function stop(f: Far): Promise<void> {
  const exited = new Promise((resolve) => f.child.once('exit', resolve));
  await ask(f.child, { stop: true }, 'stopped');
  await exited;
}

async function scan(s: Far, concurrency?: number): Promise<{ ms: number; calls: number; failed: number; gaps: number }> {
  const conn = concurrency === undefined ? {} : { concurrency };
  const t0 = performance.now();
  const { snapshot } = await collect({
    cwd: process.cwd(), paths: [],
    ...(process.env['BENCH_ONLY'] === 'azure' ? {} : { aws: {
      region: 'eu-central-1', regions: REGIONS, roleArns: ACCOUNTS.map((a) => `arn:aws:iam::${a}:role/oobguard-audit`),
      connection: { endpoint: s.awsEndpoint, credentials: BASE_KEY, retryStrategy: new ConfiguredRetryStrategy(3, () => 10), ...conn },
    } }),
    ...(process.env['BENCH_ONLY'] === 'aws' ? {} : { azure: {
      // Entra ID (Graph) is a tenant, not a subscription: not part of this benchmark.
      subscriptions: SUBSCRIPTIONS, graph: false,
      connection: { endpoint: s.armEndpoint, tlsCa: s.ca, credential, ...conn },
    } }),
  }, defaultConfig(), new Date().toISOString());
  const ms = performance.now() - t0;
  const cov = snapshot.coverage ?? [];
  if (process.env['BENCH_SHOW_GAPS']) for (const c of cov) for (const g of c.gaps) process.stderr.write(`gap ${c.source} ${c.scope} ${g.collection} ${g.api}: ${g.error}\n`);
  const measured = cov.filter((c) => c.source !== 'graph');
  return { ms, calls: measured.reduce((n, c) => n + c.calls, 0), failed: measured.reduce((n, c) => n + c.failedCalls, 0), gaps: measured.reduce((n, c) => n + c.gaps.length, 0) };
}


async function duplicates(f: Far): Promise<{ dup: string[]; requests: number }> {
  const { requests } = await ask<Extract<ServerMessage, { requests: unknown }>>(f.child, { requests: true }, 'requests');
  const all = [
    ...requests.aws.filter((r) => r.attempt === 1).map((r) => `aws ${r.accessKeyId} ${r.region} ${r.service} ${r.request}`),
    ...requests.arm.map((r) => `arm ${r.method} ${r.url}`),
  ];
  return { dup: [...new Set(all.filter((k, i) => all.indexOf(k) !== i))], requests: requests.aws.length + requests.arm.length };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const reps = Number(process.env['BENCH_REPS'] ?? 5);

// Load every SDK module once (as a long-running scan would have), so no run pays for it.
const warm = await start(0);
await scan(warm);
await stop(warm);

// Critical path: unlimited concurrency at a latency that dwarfs local work.
const chainServers = await start(CHAIN_LATENCY);
const chain = await scan(chainServers, 1_000_000);
await stop(chainServers);
const chainCalls = Math.round(chain.ms / CHAIN_LATENCY);
const critical = chainCalls * LATENCY;

const walls: number[] = [];
let last = { ms: 0, calls: 0, failed: 0, gaps: 0 };
let dup: string[] = [];
let requests = 0;
for (let i = 0; i < reps; i++) {
  const s = await start(LATENCY);
  last = await scan(s, process.env['BENCH_CONCURRENCY'] ? Number(process.env['BENCH_CONCURRENCY']) : undefined);
  walls.push(last.ms);
  ({ dup, requests } = await duplicates(s));
  await stop(s);
}
const wall = median(walls);
const ratio = wall / critical;
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
process.stdout.write(`\nLive collection (oobguard ${pkg.version}): ${ACCOUNTS.length} AWS accounts × ${REGIONS.length} regions + ${SUBSCRIPTIONS.length} Azure subscriptions, ${LATENCY} ms latency per round trip, median of ${reps}\n\n`);
process.stdout.write('| API calls | failed | requests seen by the servers | wall (default concurrency) | longest chain | critical path | ratio | duplicate calls |\n|---|---|---|---|---|---|---|---|\n');
process.stdout.write(`| ${last.calls} | ${last.failed} | ${requests} | ${wall.toFixed(0)} ms | ${chainCalls} calls | ${critical} ms | **${ratio.toFixed(2)}×** | ${dup.length} |\n`);
if (dup.length > 0) process.stdout.write(`\nduplicates: ${dup.slice(0, 10).join('; ')}\n`);
process.stdout.write(`\ntargets: wall ≤ 1.5 × critical path → ${ratio <= 1.5 ? 'met' : 'MISSED'}; zero duplicate calls → ${dup.length === 0 ? 'met' : 'MISSED'}${last.gaps > 0 ? `; WARNING: ${last.gaps} coverage gaps (the dataset is incomplete)` : ''}\n`);
process.stdout.write(`(calls: as the coverage counts them — a drained ARM list is one call; requests: what the servers saw, pages and the AssumeRole calls included)\n`);
