import type { ScenarioResult } from '@provisioning/engine';
import { junitReport } from './junit-report';

const result: ScenarioResult = {
  scenario: 'defaults <&>',
  taskserv: 'hello-conf',
  hosts: ['t1-1'],
  status: 'failed',
  durationMs: 4200,
  steps: [
    { step: 'boot', status: 'passed', durationMs: 1500, failures: [] },
    {
      step: 'converge',
      status: 'failed',
      durationMs: 700,
      failures: [
        { step: 'converge', host: 't1-1', operation: 'file:/etc/x.conf', message: 'changed "x" \u0007again' },
      ],
    },
    { step: 'remove', status: 'skipped', durationMs: 0, failures: [] },
  ],
};

describe('junitReport', () => {
  it('writes one suite per scenario and one case per step, with counts CI systems read', () => {
    const xml = junitReport([result], 'hello-conf@0.1.0');
    expect(xml).toContain(
      '<testsuites name="hello-conf@0.1.0" tests="3" failures="1" skipped="1" errors="0" time="4.200">',
    );
    expect(xml).toContain('<testsuite name="defaults &lt;&amp;&gt;" tests="3" failures="1" skipped="1"');
    expect(xml).toContain(
      '<testcase classname="hello-conf@0.1.0.defaults &lt;&amp;&gt;" name="boot" time="1.500"/>',
    );
    expect(xml).toContain('<skipped message="an earlier step failed"/>');
  });

  it('puts step, host, operation and message into the failure, escaped, without control characters', () => {
    const xml = junitReport([result], 'x');
    expect(xml).toContain(
      '<failure message="converge (host t1-1, operation file:/etc/x.conf): changed &quot;x&quot; again" type="converge">',
    );
    expect(xml).not.toContain('\u0007');
  });
});
