import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  bootThrowawayHosts,
  removeThrowawayHosts,
  runScenario,
  type ScenarioResult,
  throwawayHostsProblem,
} from '@provisioning/engine';
import { writeLinks } from '@provisioning/extensions';
import type { TaskservScenario } from '@provisioning/sdk';
import { parse } from 'yaml';
import type { CommandContext } from '../../cli/command-definition';
import { CliError, ExitCode, UsageError } from '../../cli/errors';
import type { Style } from '../../cli/style';
import { builtinProviders } from '../../engine/builtin-providers';
import { builtinTaskservs } from '../../engine/builtin-taskservs';
import { asCliError } from '../../engine/open-infra-for-command';
import { interruptSignal } from '../../prompt/interrupt-signal';
import { formatDuration } from '../../render/format-time';
import { junitReport } from '../../render/junit-report';
import { describeFailure, scenarioProgressPrinter } from '../../render/scenario-progress';
import { pickScenarios, resolveTestTarget } from './test-target';

interface TestOptions {
  scenario?: string;
  hosts?: number;
  keep?: boolean;
  distro: 'debian-12';
  junit?: string;
  providerOptions?: string;
}

/** Hosts left up by --keep: the scenario workspace that records them, and how to reach each. */
interface KeptHosts {
  scenario: string;
  workspace: string;
  hosts: string[];
  ssh: string[];
  remove: string;
}

export interface TestReport {
  target: string;
  status: 'passed' | 'failed';
  passed: number;
  failed: number;
  scenarios: ScenarioResult[];
  kept: KeptHosts[];
}

const SUITES: Record<TestOptions['distro'], string> = { 'debian-12': 'bookworm' };

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as unknown as TestOptions;
  const target = resolveTarget(ctx);
  const scenarios = pickScenarios(target, options.scenario);
  const providerOptions = parseProviderOptions(options);
  const problem = throwawayHostsProblem(ctx.env);
  if (problem) throw asCliError(problem);
  for (const scenario of scenarios)
    if (scenario.artifacts?.length)
      throw new CliError(
        `scenario "${scenario.name}" needs artifacts served to its hosts (${scenario.artifacts.map((a) => a.path).join(', ')}), which provisioning test does not do yet`,
        "run it in the repository's e2e suite (apps/e2e), whose testbed serves them",
      );
  const providers = [...(ctx.providers ?? builtinProviders()).values()];
  const taskservs = [...(ctx.taskservs ?? builtinTaskservs()).values()];
  const progress = scenarioProgressPrinter(ctx.out, ctx.env);
  const interrupt = interruptSignal();
  const report: TestReport = {
    target: target.label,
    status: 'passed',
    passed: 0,
    failed: 0,
    scenarios: [],
    kept: [],
  };
  try {
    for (const [index, scenario] of scenarios.entries()) {
      const count = Math.max(scenario.hosts, options.hosts ?? scenario.hosts);
      ctx.out.info(ctx.out.errStyle.bold(`${scenario.name} (${count} host${count === 1 ? '' : 's'})`));
      const root = mkdtempSync(join(tmpdir(), 'provisioning-test-'));
      const result = await runOnThrowawayHosts(ctx, {
        scenario,
        root,
        count,
        prefix: `t${index + 1}`,
        links: target.links,
        providerOptions,
        providers,
        taskservs,
        keep: options.keep ?? false,
        signal: interrupt.signal,
        onEvent: progress,
        report,
      });
      report.scenarios.push(result);
      if (result.status === 'passed') report.passed += 1;
      else report.failed += 1;
      if (interrupt.signal.aborted) break;
    }
  } finally {
    interrupt.dispose();
  }
  report.status = report.failed > 0 || report.scenarios.length < scenarios.length ? 'failed' : 'passed';
  if (options.junit)
    writeFileSync(resolve(ctx.cwd, options.junit), junitReport(report.scenarios, target.label));
  ctx.out.result(report, renderReport);
  return report.status === 'passed' ? ExitCode.ok : ExitCode.error;
}

function resolveTarget(ctx: CommandContext) {
  try {
    return resolveTestTarget(ctx.args[0], ctx.cwd);
  } catch (error) {
    // Extension errors (a broken manifest or scenarios.yaml) carry a hint; usage errors keep exit 2.
    throw error instanceof CliError ? error : asCliError(error);
  }
}

/** The provider options as servers.yaml would carry them, with the distro's suite unless given. */
function parseProviderOptions(options: TestOptions): Record<string, unknown> {
  let parsed: unknown = {};
  if (options.providerOptions) {
    try {
      parsed = parse(options.providerOptions) ?? {};
    } catch (error) {
      throw new UsageError(
        `--provider-options is not YAML: ${(error as Error).message.split('\n')[0]}`,
        "write a mapping, e.g. --provider-options '{ bridge: ci-br0, subnet: 10.200.0.0/24 }'",
      );
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError(
      '--provider-options must be a YAML mapping of nspawn provider options',
      "e.g. --provider-options '{ bridge: ci-br0, subnet: 10.200.0.0/24 }' (docs/providers.md lists them)",
    );
  return { suite: SUITES[options.distro], ...(parsed as Record<string, unknown>) };
}

interface ThrowawayRun {
  scenario: TaskservScenario;
  root: string;
  count: number;
  prefix: string;
  links: Record<string, string>;
  providerOptions: Record<string, unknown>;
  providers: Parameters<typeof bootThrowawayHosts>[0]['providers'];
  taskservs: Parameters<typeof runScenario>[0]['taskservs'];
  keep: boolean;
  signal: AbortSignal;
  onEvent: ReturnType<typeof scenarioProgressPrinter>;
  report: TestReport;
}

/** Boots the scenario's hosts, runs it, and removes them (unless keep); boot is the result's first step. */
async function runOnThrowawayHosts(ctx: CommandContext, run: ThrowawayRun): Promise<ScenarioResult> {
  const hosts = Array.from({ length: run.count }, (_, i) => `${run.prefix}-${i + 1}`);
  const started = Date.now();
  run.onEvent({ type: 'step-started', scenario: run.scenario.name, step: 'boot' });
  let result: ScenarioResult;
  try {
    await bootThrowawayHosts({
      root: run.root,
      count: run.count,
      prefix: run.prefix,
      providerOptions: run.providerOptions,
      providers: run.providers,
      signal: run.signal,
    });
    writeLinks(run.root, run.links);
    const boot = {
      step: 'boot' as const,
      status: 'passed' as const,
      durationMs: Date.now() - started,
      failures: [],
    };
    run.onEvent({ type: 'step-finished', scenario: run.scenario.name, result: boot });
    result = await runScenario({
      scenario: run.scenario,
      workspace: run.root,
      hosts,
      taskservs: run.taskservs,
      providers: run.providers,
      env: {},
      signal: run.signal,
      onEvent: run.onEvent,
    });
    result = { ...result, steps: [boot, ...result.steps], durationMs: Date.now() - started };
  } catch (error) {
    const message =
      (error as Error).message +
      ((error as { hint?: string }).hint ? ` (${(error as { hint: string }).hint})` : '');
    const boot = {
      step: 'boot' as const,
      status: 'failed' as const,
      durationMs: Date.now() - started,
      failures: [{ step: 'boot' as const, message }],
    };
    run.onEvent({ type: 'step-finished', scenario: run.scenario.name, result: boot });
    result = {
      scenario: run.scenario.name,
      taskserv: run.scenario.taskserv,
      hosts,
      status: 'failed',
      durationMs: Date.now() - started,
      steps: [boot],
    };
  }
  if (run.keep) {
    run.report.kept.push({
      scenario: run.scenario.name,
      workspace: run.root,
      hosts,
      ssh: hosts.map((host) => `provisioning --workspace ${run.root} server ssh ${host}`),
      remove: `provisioning --workspace ${run.root} server delete ${hosts.join(' ')} --yes`,
    });
    return result;
  }
  const removal = await removeThrowawayHosts(run.root, hosts, run.providers).catch((error: Error) => ({
    deleted: 0,
    failures: [error.message],
  }));
  if (removal.failures.length > 0) {
    ctx.out.warn(
      `could not remove every host of "${run.scenario.name}": ${removal.failures.join('; ')}; remove them with: provisioning --workspace ${run.root} server delete ${hosts.join(' ')} --yes`,
    );
  } else {
    rmSync(run.root, { recursive: true, force: true });
  }
  return result;
}

function renderReport(report: TestReport, style: Style): string {
  const lines: string[] = [];
  for (const result of report.scenarios) {
    const mark = result.status === 'passed' ? style.green('passed') : style.red('FAILED');
    lines.push(
      `${mark}  ${result.scenario}  ${style.dim(`${result.hosts.length} host(s), ${formatDuration(result.durationMs)}`)}`,
    );
    for (const step of result.steps.filter((s) => s.status === 'failed'))
      for (const failure of step.failures) lines.push(`  ${describeFailure(failure)}`);
  }
  for (const kept of report.kept) {
    lines.push(
      '',
      `Hosts of "${kept.scenario}" kept; reach them with:`,
      ...kept.ssh.map((line) => `  ${line}`),
    );
    lines.push(`and remove them with:\n  ${kept.remove}`);
  }
  const summary = `${report.target}: ${report.passed} scenario${report.passed === 1 ? '' : 's'} passed, ${report.failed} failed.`;
  lines.push('', report.failed > 0 ? style.red(summary) : style.green(summary));
  return `${lines.join('\n')}\n`;
}
