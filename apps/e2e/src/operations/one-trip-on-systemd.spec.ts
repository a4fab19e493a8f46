import { applyHost, planHost, FactsChangedError } from '@provisioning/operations';
import { command, file, line, service, shell, template, type Operation } from '@provisioning/sdk';
import { describeOnTestbed } from '../support/on-testbed';
import { useRootPool } from '../support/remote-pool';

// libs/operations sends a host's whole chain as one script (issue 10). On a real host with systemd:
// a service that watches a config written after an unguarded command is decided on the host (and
// restarted, or not) in the same round trip, and a host changed behind the tool's back is refused
// before anything on it changes.
const ROOT = '/srv/one-trip';
const UNIT = 'one-trip-sleeper.service';
const LIMIT = { timeoutMs: 60_000 };

const chain = (port: number): Operation[] => [
  shell({ id: 'stamp', command: `mkdir -p ${ROOT} && date +%s%N > ${ROOT}/stamp` }),
  file({
    id: 'unit',
    path: `/etc/systemd/system/${UNIT}`,
    content: `[Unit]\nDescription=one-trip e2e\n[Service]\nExecStart=/bin/sleep infinity\n[Install]\nWantedBy=multi-user.target\n`,
  }),
  template({ id: 'conf', path: `${ROOT}/sleeper.conf`, template: 'port=<%= it.port %>\n', params: { port } }),
  line({ id: 'hosts', path: `${ROOT}/hosts`, line: '10.0.0.9 sleeper' }),
  service({ name: UNIT, enabled: true, state: 'started', restartOn: ['conf'] }),
];

describeOnTestbed('apply in one round trip on a real systemd host', (testbed) => {
  const cleanUp = `systemctl disable --now ${UNIT} 2>/dev/null; rm -rf ${ROOT} /etc/systemd/system/${UNIT}; systemctl daemon-reload`;
  // Declared before useRootPool's, so it runs while the pool is still open (jest runs afterAll hooks in order).
  afterAll(async () => {
    await exec(cleanUp);
  });
  const suite = useRootPool(testbed, 2);
  const exec = async (text: string): Promise<string> => {
    const result = await suite.recorded.pool.exec(suite.host, text, { timeoutMs: 60_000 });
    if (result.code !== 0) throw new Error(`${text} exited ${result.code}: ${result.stderr}`);
    return result.stdout;
  };
  const started = () => exec(`systemctl show -p ActiveEnterTimestampMonotonic --value ${UNIT}`);

  beforeAll(async () => {
    await exec(cleanUp);
  });

  it('restarts a service for a config changed after an unguarded command, deciding both on the host in one round trip', async () => {
    const executor = suite.recorded.pool.executor(suite.host);
    const first = await applyHost(executor, await planHost(executor, chain(7001), LIMIT), LIMIT);
    expect(first.error?.message).toBeUndefined();
    expect(await exec(`systemctl is-active ${UNIT}`)).toBe('active\n');
    const before = await started();

    // Same config: the command runs again, the service keeps running untouched.
    const again = await planHost(executor, chain(7001), LIMIT);
    expect(again).toMatchObject({ changes: 1, commandsEveryApply: 1 });
    const unchanged = await applyHost(executor, again, LIMIT);
    expect(unchanged).toMatchObject({ status: 'ok', changed: 1, roundTrips: 1 });
    expect(await started()).toBe(before);

    // A new port: the config (known after apply, behind the command) changes on the host, so the service restarts.
    const plan = await planHost(executor, chain(7002), LIMIT);
    expect(plan.operations.find((op) => op.id === 'conf')?.status).toBe('known-after-apply');
    const result = await applyHost(executor, plan, LIMIT);
    expect(result.operations.map((op) => [op.id, op.status])).toEqual([
      ['stamp', 'changed'],
      ['unit', 'unchanged'],
      ['conf', 'changed'],
      ['hosts', 'unchanged'],
      [`service:${UNIT}`, 'changed'],
    ]);
    expect(result.operations.at(-1)?.summary).toMatch(/restart \(conf changed\)/);
    expect(result.roundTrips).toBe(1);
    expect(await started()).not.toBe(before);
    expect(await exec(`cat ${ROOT}/sleeper.conf`)).toBe('port=7002\n');
  });

  it('refuses a host whose file changed between plan and apply, naming it, and changes nothing on it', async () => {
    const executor = suite.recorded.pool.executor(suite.host);
    await exec(`mkdir -p ${ROOT} && printf 'a=1\\n' > ${ROOT}/app.ini`);
    const ops = [
      file({ id: 'new', path: `${ROOT}/new.txt`, content: 'new\n' }),
      line({ id: 'edit', path: `${ROOT}/app.ini`, line: 'b=2' }),
    ];
    const plan = await planHost(executor, ops, LIMIT);
    await exec(`printf 'someone=else\\n' >> ${command(`${ROOT}/app.ini`)}`);
    const result = await applyHost(executor, plan, LIMIT);
    expect(result.error).toBeInstanceOf(FactsChangedError);
    expect(result.error?.message).toContain(
      `operation "edit" (line) was planned from facts that have changed since (${ROOT}/app.ini: content changed)`,
    );
    expect(await exec(`ls ${ROOT}/new.txt 2>/dev/null || echo absent`)).toBe('absent\n');
    expect(await exec(`cat ${ROOT}/app.ini`)).toBe('a=1\nsomeone=else\n');
  });
});
