import type { ScenarioResult } from '@provisioning/engine';

/**
 * A JUnit XML report of scenario runs, as CI systems read it: one test suite per scenario, one
 * test case per step (a skipped step is `<skipped/>`, a failed one carries each failure).
 */
export function junitReport(results: readonly ScenarioResult[], suiteName: string): string {
  const totals = results.reduce(
    (sum, result) => {
      for (const step of result.steps) {
        sum.tests += 1;
        if (step.status === 'failed') sum.failures += 1;
        if (step.status === 'skipped') sum.skipped += 1;
      }
      sum.time += result.durationMs;
      return sum;
    },
    { tests: 0, failures: 0, skipped: 0, time: 0 },
  );
  const suites = results.map((result) => {
    const failures = result.steps.filter((step) => step.status === 'failed').length;
    const skipped = result.steps.filter((step) => step.status === 'skipped').length;
    const cases = result.steps.map((step) => {
      const open = `    <testcase classname="${xml(`${suiteName}.${result.scenario}`)}" name="${xml(step.step)}" time="${seconds(step.durationMs)}"`;
      if (step.status === 'passed') return `${open}/>`;
      if (step.status === 'skipped')
        return `${open}>\n      <skipped message="an earlier step failed"/>\n    </testcase>`;
      const body = step.failures
        .map((failure) => {
          const where = [
            failure.host && `host ${failure.host}`,
            failure.operation && `operation ${failure.operation}`,
          ]
            .filter(Boolean)
            .join(', ');
          const message = `${failure.step}${where ? ` (${where})` : ''}: ${failure.message}`;
          return `      <failure message="${xml(message)}" type="${xml(failure.step)}">${xml(message)}</failure>`;
        })
        .join('\n');
      return `${open}>\n${body}\n    </testcase>`;
    });
    return [
      `  <testsuite name="${xml(result.scenario)}" tests="${result.steps.length}" failures="${failures}" skipped="${skipped}" errors="0" time="${seconds(result.durationMs)}">`,
      `    <properties><property name="hosts" value="${xml(result.hosts.join(','))}"/><property name="taskserv" value="${xml(result.taskserv)}"/></properties>`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(suiteName)}" tests="${totals.tests}" failures="${totals.failures}" skipped="${totals.skipped}" errors="0" time="${seconds(totals.time)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Escapes text for an XML attribute or element; characters XML 1.0 forbids are dropped. */
function xml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}
