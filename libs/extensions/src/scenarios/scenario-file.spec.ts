import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenarioFile, readScenarioFile } from './scenario-file';

const valid = `scenarios:
  - name: greeting
    taskserv: greeting
    description: Changing the message rewrites the file only.
    hosts: 1
    apply: { params: {} }
    checks:
      - { description: written, command: cat /etc/greeting/greeting.conf, expect: message=hello }
    change: { params: { message: bye }, changes: ["file:/etc/greeting/greeting.conf"] }
    removed:
      - { description: gone, command: "test -e /etc/greeting || echo removed", expect: removed }
`;

describe('scenarios.yaml', () => {
  it('parses a valid file into TaskservScenario data', () => {
    const parsed = parseScenarioFile(valid);
    expect(parsed).toMatchObject({
      ok: true,
      value: [{ name: 'greeting', hosts: 1, change: { changes: ['file:/etc/greeting/greeting.conf'] } }],
    });
  });

  it('names a misspelt key and the missing one, at the scenario that has them', () => {
    const parsed = parseScenarioFile(valid.replace('    checks:', '    chekcs:'));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`)).toEqual([
        expect.stringMatching(/^2:5 scenarios\.0\.checks: /),
        expect.stringMatching(/^2:5 scenarios\.0: .*chekcs/),
      ]);
  });

  it('refuses a role naming a host the scenario does not have, at that host', () => {
    const parsed = parseScenarioFile(
      valid.replace(
        '    hosts: 1\n',
        '    hosts: 1\n    roles: [{ name: server, hosts: [1, 2], params: {} }]\n',
      ),
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.problems).toEqual([
        expect.objectContaining({
          line: 6,
          path: 'scenarios.0.roles.0.hosts.1',
          message: 'host 2 does not exist: the scenario has 1 host',
        }),
      ]);
  });

  it('says how to start when an extension has no scenarios.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-file-'));
    try {
      expect(() => readScenarioFile(dir)).toThrow(/scenarios\.yaml does not exist/);
      writeFileSync(join(dir, 'scenarios.yaml'), 'scenarios: []\n');
      expect(() => readScenarioFile(dir)).toThrow(
        /scenarios\.yaml:1:\d+ scenarios: list at least one scenario/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
