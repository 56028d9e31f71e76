/**
 * The oobguard command line: a thin surface over run(). Results go to stdout (or --output);
 * progress and diagnostics go to stderr. Exit codes: 0 clean · 1 failing findings at/above
 * --fail-on · 2 incomplete (an input or a control could not be evaluated) · 3 usage/internal error.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { renderDrillJson } from '../../reporters/drill-json.ts';
import { renderDrillMarkdown } from '../../reporters/drill-markdown.ts';
import { renderJson } from '../../reporters/json.ts';
import { renderMarkdown } from '../../reporters/markdown.ts';
import { renderSarif } from '../../reporters/sarif.ts';
import { renderTable, type TableOptions } from '../../reporters/table.ts';
import { isSeverity } from '../engine/compile.ts';
import type { Report } from '../engine/types.ts';
import type { Diagnostic } from '../model/snapshot.ts';
import { readStdin } from '../collectors/inputs.ts';
import { resolveAzureCloud } from '../collectors/azure-live/cloud.ts';
import { collect, loadConfig, loadRules, run, UsageError } from '../run.ts';
import { drill } from '../drill/drill.ts';
import { evaluateSnapshot, mergeFiles } from '../merge.ts';
import { diffFiles } from '../diff-files.ts';
import { renderChanges } from '../../reporters/changes.ts';
import { VERSION } from '../version.ts';
import { explainRule, listRules } from './rules-command.ts';
import { notifyMattermost, resolveWebhook } from '../notify/mattermost-webhook.ts';

const FORMATS = ['table', 'json', 'sarif', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

const HELP: Record<string, string> = {
  main: `oobguard ${VERSION} — proves a Mattermost out-of-band (OOB) environment is isolated, Zero Trust and drill-ready

Usage: oobguard <command> [options]

Commands:
  scan <paths…|->        collect and evaluate in one go (files, directories, "-" for stdin)
  collect <paths…|->     write the normalized Snapshot (evidence, replayable offline) as JSON
  evaluate <snapshot>    evaluate a saved Snapshot offline
  merge <snapshots…>     merge the Snapshots of a sharded collection (one per account/cluster)
  diff <old> <new>       what changed between two results (JSON reports or snapshots)
  drill <paths…|->       pre-drill audit: a GO / NO-GO checklist with evidence (or --snapshot <file>)
  rules                  list the rules
  explain <id>           show a rule: what it checks, why, how to fix it

Run "oobguard <command> --help" for a command's options.
Exit codes: 0 clean · 1 failing findings at/above --fail-on · 2 incomplete · 3 usage or internal error`,
  scan: `Usage: oobguard scan <paths…|-> [options]

Scan rendered manifests (Kubernetes YAML/JSON, Helm or Kustomize output, "kind: List"),
Mattermost config.json, Terraform (*.tf with its *.tfvars; plan JSON from "terraform show -json").
Directories are walked recursively for *.yaml, *.yml, *.json, *.tf and *.tfvars.

Options:
  -f, --format <fmt>     table (default) | json | sarif | markdown
  -o, --output <file>    write the report to a file instead of stdout
  -c, --config <file>    config file (default: .oobguard.yaml in the current directory, if present)
      --rules <dir>      extra rule directory (repeatable); validated like the built-in rules
      --exclude <glob>   skip matching paths (repeatable), e.g. --exclude 'charts/**/values.yaml'
      --var-file <file>  Terraform variables (repeatable), applied after terraform.tfvars and *.auto.tfvars
      --max-plan-mb <n>  largest Terraform plan JSON to read (default 64; memory is about 10× the size)
      --kube             also read the live cluster (current kubeconfig context, or in-cluster)
      --context <name>   kubeconfig context to read (implies --kube); --kubeconfig <file> picks the
                         kubeconfig (implies --kube)
      --namespace <ns>   limit the live cluster read to these namespaces (repeatable)
      --mattermost-url <url>  also read a live Mattermost server; the token comes from
                         OOBGUARD_MATTERMOST_TOKEN (never from the command line)
      --aws              also read the live AWS account of the default credential chain (AWS_PROFILE,
                         SSO, web identity, IRSA): identity, S3, EKS, Route 53, RDS, CloudTrail, KMS; --aws-region <r>
      --profile <name>   AWS: base credentials from this named profile (implies --aws)
      --role-arn <arn>   AWS: assume this role and read its account (repeatable; one account each; implies --aws)
      --regions <r1,r2>  AWS: read EKS, RDS, CloudTrail and KMS in each of these regions (S3, Route 53 are global)
      --azure            also read live Azure subscriptions with DefaultAzureCredential: --subscription <id>
                         (repeatable; default AZURE_SUBSCRIPTION_ID): subscription, storage accounts, AKS so far;
                         and through Microsoft Graph their Entra tenants and the declared OOB tenant: tenant,
                         security defaults, Conditional Access, MFA registration of the IR roster, Mattermost's app
      --tenant <id>      Graph: also read this Entra tenant (repeatable; implies --azure, needs no subscription)
      --no-graph         Azure: skip Microsoft Graph (the MFA controls it answers are then unknown)
      --azure-cloud      AzurePublicCloud (default), AzureUSGovernment or AzureChinaCloud; without it a
                         custom cloud from AZURE_RESOURCE_MANAGER_ENDPOINT + AZURE_AUTHORITY_HOST
                         (+ AZURE_GRAPH_ENDPOINT)
      --min-coverage <pct>  exit 2 when a live source read less than this share of its API calls
      --fail-on <sev>    critical | high | medium | low | info: lowest severity that fails (default low)
      --show-passed      table/markdown: list passing checks too
      --sarif-category <c>  SARIF automationDetails.id (default "oobguard/"), to keep several
                         uploads apart in GitHub code scanning
      --previous <file>  an earlier result (JSON report or snapshot): the report shows what is new,
                         fixed and still failing since, matched by rule and resource, not by line
                         (a file that does not exist yet is a first run: a warning, nothing compared)
      --baseline <file>  as --previous, and only failures new against it fail the scan (exit 1);
                         unknowns are never exempted (exit 2): judge a pull request on what it made worse
      --notify-mattermost-webhook <url>  after writing the report, post a summary to a Mattermost
                         incoming webhook; better from OOBGUARD_MATTERMOST_WEBHOOK (the URL is a secret
                         and is never printed). A failed post is only a warning: the outputs and the
                         exit code stay as they are
  -q, --quiet            no progress or warnings on stderr (errors are still printed)
  -h, --help`,
  collect: `Usage: oobguard collect <paths…|-> [options]

Write the Snapshot (everything read, normalized, with provenance and unknowns; secret values never
included) as JSON, to evaluate later with "oobguard evaluate".

Options:
  -o, --output <file>    write to a file instead of stdout
  -c, --config <file>    config file
      --exclude <glob>   skip matching paths (repeatable)
  -h, --help`,
  evaluate: `Usage: oobguard evaluate <snapshot.json> [options]

Evaluate a saved Snapshot offline (no credentials, no network).

Options: as for "scan" (--format, --output, --config, --rules, --fail-on, --show-passed,
--previous, --baseline, --notify-mattermost-webhook)`,
  diff: `Usage: oobguard diff <old> <new> [options]

What changed between two results of oobguard: findings that are new, fixed or still failing,
newly unknown, and the coverage of each live source. Each side is a JSON report (--format json)
or a snapshot (oobguard collect; judged now with the current rules and config). Findings are
matched by rule and resource (the finding's fingerprint), never by line.

Options:
  -f, --format <fmt>     table (default) | json | markdown
  -o, --output <file>    write to a file instead of stdout
  -c, --config <file>    config file to judge a snapshot with (give the one its scans used)
      --rules <dir>      extra rule directory (for snapshots)
      --fail-on <sev>    lowest severity of a new failure that makes the exit code 1 (default low)
  -h, --help

Exit codes: 0 nothing new failing at or above --fail-on · 1 new failures · 2 the newer result is
incomplete (an input not read, or newly not judged at or above --fail-on) · 3 usage error`,
  drill: `Usage: oobguard drill <paths…|-> [options]  |  oobguard drill --snapshot <snapshot.json>

Pre-drill audit: a go/no-go checklist following the OOB drill — DNS switching, Mattermost access,
data restores — plus backups, secrets and certificates, each item with its evidence and timestamps
(last successful backup per Velero Schedule, last restore, failover records and TTLs, health
checks, certificate and credential expiry, break-glass accounts). Takes the inputs of "scan"
(paths and live sources) or a saved Snapshot. Best run with the live sources: manifests and
Terraform alone do not show whether backups ran, so those items are unknown. See docs/drill.md.

Options: as for "scan" (paths, --kube, --aws, --azure, --mattermost-url, --config, --rules, …), and
  -f, --format <fmt>     markdown (default: a sign-off sheet) | json (schemas/drill.schema.json)
  -o, --output <file>    write the checklist to a file
      --snapshot <file>  audit a saved Snapshot (oobguard collect) instead of collecting
Exit codes: 0 GO · 1 NO-GO · 2 NO-GO because a blocking item is unknown (inputs incomplete) · 3 usage`,
  merge: `Usage: oobguard merge <snapshot.json…> [-o merged.json] [--format <fmt>] [options]

Merge the Snapshots of a sharded collection (one "oobguard collect" per account, subscription or
cluster) into one. Collections are concatenated; an object two shards both read (same id) is kept
once, and when the copies differ the first file's is kept with a warning. Every snapshot must have
the same schemaVersion.

Without --format, writes the merged Snapshot (to --output, or stdout); exit 2 when a shard
recorded an error. With --format, evaluates it like "oobguard evaluate" and writes the report
(to --output, or stdout), with evaluate's exit codes.

Options:
  -o, --output <file>    write the merged Snapshot (or, with --format, the report) to a file
  -f, --format <fmt>     table | json | sarif | markdown: evaluate the merged Snapshot
  Evaluation options as for "evaluate" (--config, --rules, --fail-on, --min-coverage, --show-passed,
  --sarif-category)
  -q, --quiet            no warnings on stderr (errors are still printed)
  -h, --help`,
  rules: `Usage: oobguard rules [--format table|json] [--rules <dir>]

List every rule with its id, severity, target and title.`,
  explain: `Usage: oobguard explain <rule-or-control-id> [--rules <dir>]

Show a rule: what it checks, why (the control and the frameworks it serves), how to fix it, and
its passing and failing examples.`,
};

const OPTIONS: ParseArgsConfig['options'] = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  rules: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'var-file': { type: 'string', multiple: true },
  'max-plan-mb': { type: 'string' },
  kube: { type: 'boolean' },
  context: { type: 'string' },
  kubeconfig: { type: 'string' },
  namespace: { type: 'string', multiple: true },
  'mattermost-url': { type: 'string' },
  aws: { type: 'boolean' },
  azure: { type: 'boolean' },
  subscription: { type: 'string', multiple: true },
  tenant: { type: 'string', multiple: true },
  'no-graph': { type: 'boolean' },
  'azure-cloud': { type: 'string' },
  'aws-region': { type: 'string' },
  profile: { type: 'string' },
  'role-arn': { type: 'string', multiple: true },
  regions: { type: 'string' },
  'min-coverage': { type: 'string' },
  'fail-on': { type: 'string' },
  'show-passed': { type: 'boolean' },
  snapshot: { type: 'string' },
  'sarif-category': { type: 'string' },
  previous: { type: 'string' },
  baseline: { type: 'string' },
  'notify-mattermost-webhook': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
};

export interface Io {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: () => Promise<Uint8Array>;
  color: boolean;
  env: NodeJS.ProcessEnv;
  /** Terminal width when stdout is a terminal. */
  columns?: number;
  /** Progress line on stderr (a terminal, not CI); absent otherwise. */
  progress?: (message: string | null) => void;
}

function colorize(io: Io): (code: string, s: string) => string {
  return (code, s) => (io.color ? `\u001b[${code}m${s}\u001b[0m` : s);
}

/** Scanned file names reach messages: never let them carry terminal control sequences. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}

export function printDiagnostics(diags: readonly Diagnostic[], io: Io, quiet: boolean): void {
  const c = colorize(io);
  for (const d of diags) {
    if (quiet && d.severity !== 'error') continue;
    const label = d.severity === 'error' ? c('31', 'error') : d.severity === 'warning' ? c('33', 'warning') : 'note';
    io.stderr(`oobguard: ${label}: ${clean(d.message)}${d.hint ? `\n  hint: ${clean(d.hint)}` : ''}\n`);
  }
}

function render(report: Report, format: Format, opts: TableOptions & { cwd: string; sarifCategory?: string }): string {
  switch (format) {
    case 'json': return renderJson(report);
    case 'sarif': return renderSarif(report, { srcRoot: opts.cwd, ...(opts.sarifCategory ? { category: opts.sarifCategory } : {}) });
    case 'markdown': return renderMarkdown(report, { showPassed: opts.showPassed });
    case 'table': return renderTable(report, opts);
  }
}

async function emit(text: string, output: string | undefined, io: Io): Promise<void> {
  if (!output) {
    io.stdout(text);
    return;
  }
  try {
    await writeFile(path.resolve(io.cwd, output), text);
  } catch (e) {
    throw new UsageError(`cannot write ${output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(`${HELP['main']}\n`);
    return command === undefined ? 3 : 0;
  }
  if (command === '--version' || command === '-V') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (!(command in HELP) || command === 'main') {
    io.stderr(`oobguard: unknown command "${command}"\n\n${HELP['main']}\n`);
    return 3;
  }
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...rest], options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (e) {
    io.stderr(`oobguard ${command}: ${(e as Error).message}\n\n${HELP[command]}\n`);
    return 3;
  }
  if (values['help']) {
    io.stdout(`${HELP[command]}\n`);
    return 0;
  }
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const list = (k: string): string[] => (Array.isArray(values[k]) ? (values[k] as string[]) : []);
  const quiet = values['quiet'] === true;
  const format = (str('format') ?? 'table') as Format;
  if (!FORMATS.includes(format)) {
    io.stderr(`oobguard ${command}: --format must be one of ${FORMATS.join(', ')} (got "${format}")\n`);
    return 3;
  }
  const failOn = str('fail-on');
  if (failOn !== undefined && !isSeverity(failOn)) {
    io.stderr(`oobguard ${command}: --fail-on must be one of critical, high, medium, low, info (got "${failOn}")\n`);
    return 3;
  }
  const maxPlan = str('max-plan-mb');
  if (maxPlan !== undefined && !(Number(maxPlan) > 0)) {
    io.stderr(`oobguard ${command}: --max-plan-mb must be a positive number of megabytes (got "${maxPlan}")\n`);
    return 3;
  }
  const minCoverage = str('min-coverage');
  if (minCoverage !== undefined && !(Number(minCoverage) >= 0 && Number(minCoverage) <= 100)) {
    io.stderr(`oobguard ${command}: --min-coverage must be a percentage from 0 to 100 (got "${minCoverage}")\n`);
    return 3;
  }
  const mmUrl = str('mattermost-url');
  const mmToken = io.env['OOBGUARD_MATTERMOST_TOKEN'] ?? '';
  if (mmUrl !== undefined && mmToken === '') {
    io.stderr(`oobguard ${command}: --mattermost-url needs a token in the environment variable OOBGUARD_MATTERMOST_TOKEN (a personal access token of a read-only system console role)\n`);
    return 3;
  }
  const badRole = list('role-arn').find((a) => !/^arn:[^:]+:iam::\d{12}:role\/\S+$/.test(a));
  if (badRole !== undefined) {
    io.stderr(`oobguard ${command}: --role-arn must be an IAM role ARN, arn:aws:iam::<12-digit account>:role/<name> (got "${badRole}")\n`);
    return 3;
  }
  const badTenant = list('tenant').find((t) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t.trim()));
  if (badTenant !== undefined) {
    io.stderr(`oobguard ${command}: --tenant must be an Entra tenant id, a GUID (got "${badTenant}")\n`);
    return 3;
  }
  const awsRegions = (str('regions') ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
  const wantsAws = values['aws'] === true || str('profile') !== undefined || list('role-arn').length > 0 || awsRegions.length > 0;
  const wantsAzure = values['azure'] === true || list('subscription').length > 0 || list('tenant').length > 0;
  const azureCloud = wantsAzure || str('azure-cloud') !== undefined ? resolveAzureCloud(str('azure-cloud'), io.env) : undefined;
  if (azureCloud !== undefined && !azureCloud.ok) {
    io.stderr(`oobguard ${command}: ${azureCloud.error}\n`);
    return 3;
  }
  const azureSubscriptions = list('subscription').length > 0 ? list('subscription') : [io.env['AZURE_SUBSCRIPTION_ID'] ?? ''].filter(Boolean);
  if (wantsAzure && azureSubscriptions.length === 0 && list('tenant').length === 0) {
    io.stderr(`oobguard ${command}: --azure needs what to read: --subscription ID (repeatable) or AZURE_SUBSCRIPTION_ID, or --tenant ID for Entra ID (Graph) only\n`);
    return 3;
  }
  const wantsKube = values['kube'] === true || str('context') !== undefined || str('kubeconfig') !== undefined;
  const liveOptions = {
    ...(wantsKube ? { kube: { ...(str('context') ? { context: str('context')! } : {}), ...(str('kubeconfig') ? { kubeconfigFile: str('kubeconfig')! } : {}), ...(list('namespace').length ? { namespaces: list('namespace') } : {}) } } : {}),
    ...(mmUrl !== undefined ? { mattermost: { url: mmUrl, token: mmToken } } : {}),
    ...(wantsAzure ? { azure: {
      subscriptions: azureSubscriptions, ...(azureCloud?.ok ? { cloud: azureCloud.cloud } : {}),
      tenants: list('tenant'), ...(values['no-graph'] === true ? { graph: false } : {}),
    } } : {}),
    ...(wantsAws ? { aws: {
      region: str('aws-region') ?? io.env['AWS_REGION'] ?? io.env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
      ...(awsRegions.length > 0 ? { regions: awsRegions } : {}),
      ...(str('profile') !== undefined ? { profile: str('profile')! } : {}),
      ...(list('role-arn').length > 0 ? { roleArns: list('role-arn') } : {}),
    } } : {}),
    ...(minCoverage !== undefined ? { minCoverage: Number(minCoverage) } : {}),
  };
  const hasLiveSource = wantsKube || mmUrl !== undefined || wantsAws || wantsAzure;
  if (str('snapshot') !== undefined && command !== 'drill') {
    io.stderr(`oobguard ${command}: --snapshot is an option of "oobguard drill" (use "oobguard evaluate <snapshot>")\n`);
    return 3;
  }
  /** What scan, evaluate and drill read, and how. */
  const runInputs = {
    cwd: io.cwd, ...(str('config') ? { configFile: str('config')! } : {}), rulesDirs: list('rules'), exclude: list('exclude'), varFiles: list('var-file'),
    ...(str('max-plan-mb') ? { maxPlanMb: Number(str('max-plan-mb')) } : {}), ...liveOptions, stdin: io.stdin,
    ...(io.progress && !quiet ? { onProgress: io.progress } : {}),
  };
  const noInput = `give at least one path, "-" for stdin, or a live source (--kube, --aws, --azure, --mattermost-url)`;
  const tableOpts: TableOptions = { color: io.color, showPassed: values['show-passed'] === true, ...(io.columns ? { width: io.columns } : {}) };
  try {
    switch (command) {
      case 'rules': {
        const { rules, diagnostics } = await loadRules({ cwd: io.cwd, rulesDirs: list('rules') });
        printDiagnostics(diagnostics, io, quiet);
        io.stdout(listRules(rules.map((r) => r.meta), format === 'json' ? 'json' : 'table'));
        return diagnostics.some((d) => d.severity === 'error') ? 2 : 0;
      }
      case 'explain': {
        const id = positionals[0];
        if (!id) {
          io.stderr(`oobguard explain: which rule? e.g. "oobguard explain ZT-NET-001"\n`);
          return 3;
        }
        const { rules } = await loadRules({ cwd: io.cwd, rulesDirs: list('rules') });
        const text = explainRule(rules, id);
        if (text === null) {
          io.stderr(`oobguard explain: no rule or control "${id}" (list them with "oobguard rules")\n`);
          return 3;
        }
        io.stdout(text);
        return 0;
      }
      case 'collect': {
        if (positionals.length === 0 && !hasLiveSource) {
          io.stderr(`oobguard collect: ${noInput}\n\n${HELP['collect']}\n`);
          return 3;
        }
        const { config, diagnostics: cd } = await loadConfig({ cwd: io.cwd, paths: positionals, ...(str('config') ? { configFile: str('config')! } : {}) });
        const { snapshot } = await collect({
          cwd: io.cwd, paths: positionals, exclude: list('exclude'), varFiles: list('var-file'), stdin: io.stdin, ...liveOptions,
        }, config, new Date().toISOString());
        printDiagnostics([...cd, ...snapshot.diagnostics], io, quiet);
        await emit(`${JSON.stringify(snapshot, null, 2)}\n`, str('output'), io);
        return [...cd, ...snapshot.diagnostics].some((d) => d.severity === 'error') ? 2 : 0;
      }
      case 'merge': {
        if (positionals.length === 0) {
          io.stderr(`oobguard merge: give the snapshot files to merge\n\n${HELP['merge']}\n`);
          return 3;
        }
        const merged = await mergeFiles(positionals, io.cwd);
        if (str('format') === undefined) {
          printDiagnostics(merged.snapshot.diagnostics, io, quiet);
          await emit(`${JSON.stringify(merged.snapshot, null, 2)}\n`, str('output'), io);
          if (!quiet && str('output')) io.stderr(`oobguard: merged ${positionals.length} snapshots into ${str('output')}\n`);
          return merged.snapshot.diagnostics.some((d) => d.severity === 'error') ? 2 : 0;
        }
        const { report } = await evaluateSnapshot(merged.snapshot, {
          cwd: io.cwd,
          ...(str('config') ? { configFile: str('config')! } : {}),
          rulesDirs: list('rules'),
          ...(minCoverage !== undefined ? { minCoverage: Number(minCoverage) } : {}),
          ...(failOn ? { failOn: failOn as Report['failOn'] } : {}),
        });
        printDiagnostics(report.diagnostics, io, quiet);
        await emit(render(report, format, { ...tableOpts, cwd: io.cwd, ...(str('sarif-category') ? { sarifCategory: str('sarif-category')! } : {}) }), str('output'), io);
        if (!quiet && str('output')) io.stderr(`oobguard: ${report.summary.verdict}: report written to ${str('output')}\n`);
        return report.exitCode;
      }
      case 'diff': {
        if (positionals.length !== 2) {
          io.stderr(`oobguard diff: give two results, the earlier first\n\n${HELP['diff']}\n`);
          return 3;
        }
        if (format === 'sarif') {
          io.stderr('oobguard diff: --format must be table, json or markdown\n');
          return 3;
        }
        const { changes, exitCode } = await diffFiles(positionals[0]!, positionals[1]!, {
          cwd: io.cwd, rulesDirs: list('rules'), ...(str('config') ? { configFile: str('config')! } : {}), ...(failOn ? { failOn: failOn as Report['failOn'] } : {}),
        });
        await emit(renderChanges(changes, format, io.color), str('output'), io);
        return exitCode;
      }
      case 'drill': {
        const drillFormat = str('format') ?? 'markdown';
        const snap = str('snapshot');
        const bad = drillFormat !== 'markdown' && drillFormat !== 'json' ? `--format must be markdown or json (got "${drillFormat}")`
          : snap === undefined ? (positionals.length === 0 && !hasLiveSource ? `${noInput}, or --snapshot FILE` : null)
            : positionals.length > 0 || hasLiveSource ? '--snapshot audits a saved snapshot: give it alone, without paths or live sources' : null;
        if (bad !== null) {
          io.stderr(`oobguard drill: ${bad}\n\n${HELP['drill']}\n`);
          return 3;
        }
        const { report, snapshot } = await run({ ...runInputs, paths: positionals, ...(snap !== undefined ? { snapshot: snap } : {}) });
        io.progress?.(null);
        printDiagnostics(report.diagnostics, io, quiet);
        const result = drill(report, snapshot);
        await emit(drillFormat === 'json' ? renderDrillJson(result) : renderDrillMarkdown(result), str('output'), io);
        if (!quiet && str('output')) io.stderr(`oobguard: ${result.verdict}: drill checklist written to ${str('output')}\n`);
        return result.exitCode;
      }
      case 'scan':
      case 'evaluate': {
        if (positionals.length === 0 && !(command === 'scan' && hasLiveSource)) {
          io.stderr(`oobguard ${command}: ${command === 'scan' ? noInput : 'give a snapshot file'}\n\n${HELP[command]}\n`);
          return 3;
        }
        if (command === 'evaluate' && positionals.length !== 1) {
          io.stderr('oobguard evaluate: give exactly one snapshot file\n');
          return 3;
        }
        const webhook = resolveWebhook(str('notify-mattermost-webhook'), io.env);
        if ('error' in webhook) {
          io.stderr(`oobguard ${command}: ${webhook.error}\n`);
          return 3;
        }
        const { report } = await run({
          ...runInputs,
          paths: command === 'scan' ? positionals : [],
          ...(command === 'evaluate' ? { snapshot: positionals[0]! } : {}),
          ...(failOn ? { failOn: failOn as Report['failOn'] } : {}),
          ...(str('previous') ? { previous: str('previous')! } : {}),
          ...(str('baseline') ? { baseline: str('baseline')! } : {}),
        });
        io.progress?.(null);
        printDiagnostics(report.diagnostics, io, quiet);
        await emit(render(report, format, { ...tableOpts, cwd: io.cwd, ...(str('sarif-category') ? { sarifCategory: str('sarif-category')! } : {}) }), str('output'), io);
        if (!quiet && str('output')) io.stderr(`oobguard: ${report.summary.verdict}: report written to ${str('output')}\n`);
        if (webhook.url) io.stderr(await notifyMattermost(report, webhook.url, { quiet }));
        return report.exitCode;
      }
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`oobguard ${command}: ${e.message}\n`);
      return 3;
    }
    io.stderr(`oobguard: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return 3;
  }
  return 3;
}

export function processIo(): Io {
  const noColor = process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '';
  return {
    cwd: process.cwd(),
    stdout: (s) => { process.stdout.write(s); },
    stderr: (s) => { process.stderr.write(s); },
    stdin: readStdin,
    color: !noColor && process.stdout.isTTY === true && process.env['TERM'] !== 'dumb',
    env: process.env,
    ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
    // One self-overwriting line on a terminal; nothing in CI or when stderr is a file or pipe.
    ...(process.stderr.isTTY && !process.env['CI'] ? {
      progress: (m: string | null) => { process.stderr.write(m === null ? '\r\u001b[K' : `\r\u001b[K${m.slice(0, (process.stderr.columns || 80) - 1)}`); },
    } : {}),
  };
}
