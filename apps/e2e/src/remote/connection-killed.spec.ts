import { ConnectionLostError } from '@provisioning/remote';
import { execInHost, testbedSettings } from '@provisioning/testbed';
import { randomBytes } from 'node:crypto';
import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { pgrepTag } from '../support/host-processes';
import { recordedPool, rootSpec, type RecordedPool } from '../support/remote-pool';
import { waitUntil } from '../support/wait-until';

// Walks up from the tagged command to the sshd process serving its session and SIGKILLs it, from
// outside SSH (nsenter), as when sshd crashes or an admin kills a session on the server.
function killSessionSshd(tag: string): string {
  return `
pid=$(${pgrepTag(tag)} | head -1)
while [ -n "$pid" ] && [ "$pid" != 1 ] && [ "$(cat /proc/$pid/comm)" != sshd ]; do pid=$(awk '{print $4}' /proc/$pid/stat); done
[ -n "$pid" ] && [ "$pid" != 1 ] && kill -9 "$pid" && echo "killed $pid"`;
}

describeOnTestbed('connection killed mid-command', (testbed) => {
  let recorded: RecordedPool;
  let host: string;
  beforeAll(() => {
    const h3 = hostAt(testbed(), 3);
    host = h3.name;
    recorded = recordedPool([rootSpec(testbed(), h3)]);
  });
  afterAll(() => recorded.pool.close());

  it('fails the command in flight with ConnectionLostError, then the next command reconnects and works', async () => {
    const tag = `e2e-kill-${randomBytes(6).toString('hex')}`;
    const running = recorded.pool.exec(host, `sleep 300; : ${tag}`).catch((caught: unknown) => caught);
    const inHost = (script: string) => execInHost(testbedSettings(), host, script);
    await waitUntil(async () => (await inHost(pgrepTag(tag))).stdout.trim() !== '', 'the long command started on the host');
    const killed = await inHost(killSessionSshd(tag));
    expect(killed.stdout).toMatch(/^killed \d+/);

    const error = await running;
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect((error as Error).message).toContain(host);

    const next = await recorded.pool.exec(host, 'echo after-reconnect');
    expect(next.stdout).toBe('after-reconnect\n');
    expect(recorded.events.filter((event) => event.type === 'connect')).toHaveLength(2);
  });
});
