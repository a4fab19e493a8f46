import { ConnectionLostError } from '@provisioning/remote';
import { execInHost, testbedSettings } from '@provisioning/testbed';
import { randomBytes } from 'node:crypto';
import { describeOnTestbed } from '../support/on-testbed';
import { pgrepTag } from '../support/host-processes';
import { useRootPool } from '../support/remote-pool';
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
  const on = useRootPool(testbed, 3);

  it('fails the command in flight with ConnectionLostError, then the next command reconnects and works', async () => {
    const tag = `e2e-kill-${randomBytes(6).toString('hex')}`;
    const running = on.recorded.pool.exec(on.host, `sleep 300; : ${tag}`).catch((caught: unknown) => caught);
    const inHost = (script: string) => execInHost(testbedSettings(), on.host, script);
    await waitUntil(
      async () => (await inHost(pgrepTag(tag))).stdout.trim() !== '',
      'the long command started on the host',
    );
    const killed = await inHost(killSessionSshd(tag));
    expect(killed.stdout).toMatch(/^killed \d+/);

    const error = await running;
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect((error as Error).message).toContain(on.host);

    const next = await on.recorded.pool.exec(on.host, 'echo after-reconnect');
    expect(next.stdout).toBe('after-reconnect\n');
    expect(on.recorded.events.filter((event) => event.type === 'connect')).toHaveLength(2);
  });
});
