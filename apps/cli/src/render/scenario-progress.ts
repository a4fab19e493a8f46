import type { ScenarioEvent, ScenarioFailure, ScenarioStepResult } from '@provisioning/engine';
import type { Output } from '../cli/output';
import { formatDuration } from './format-time';

/**
 * Progress of `provisioning test` on stderr, per scenario step. In a terminal the running step's
 * line counts its changed operations and is rewritten in place when the step ends; elsewhere (CI,
 * pipes) one plain line per step as it ends. Silent with --quiet and --output json.
 */
export function scenarioProgressPrinter(out: Output, env: NodeJS.ProcessEnv): (event: ScenarioEvent) => void {
  const terminal = out.liveTerminal(env);
  const s = out.errStyle;
  let changed = 0;
  let running = '';
  const finishedLine = (result: ScenarioStepResult) => {
    const mark =
      result.status === 'passed' ? s.green('✓') : result.status === 'failed' ? s.red('✗') : s.dim('-');
    return `  ${mark} ${result.step.padEnd(12)} ${s.dim(formatDuration(result.durationMs))}`;
  };
  return (event) => {
    if (event.type === 'step-started') {
      changed = 0;
      running = event.step;
      if (terminal) terminal.write(`  ${s.dim('…')} ${running}`);
      return;
    }
    if (event.type === 'engine') {
      if (event.event.type === 'operation-finished' && event.event.status === 'changed') {
        changed += 1;
        if (terminal)
          terminal.write(`\r\u001b[2K  ${s.dim('…')} ${running} ${s.dim(`(${changed} changed)`)}`);
      }
      return;
    }
    const line = finishedLine(event.result);
    if (terminal) terminal.write(`\r\u001b[2K${line}\n`);
    else
      out.info(
        `${event.scenario}: ${event.result.step}: ${event.result.status} (${formatDuration(event.result.durationMs)})`,
      );
    for (const failure of event.result.failures) out.info(`    ${s.red(describeFailure(failure))}`);
  };
}

/** `converge on t1-1 (file:/etc/x.conf): the second apply ...`: step, host, operation, what was seen. */
export function describeFailure(failure: ScenarioFailure): string {
  const host = failure.host ? ` on ${failure.host}` : '';
  const operation = failure.operation ? ` (${failure.operation})` : '';
  return `${failure.step}${host}${operation}: ${failure.message}`;
}
