import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { service } from '@provisioning/sdk';
import { applyHost } from '../lib/apply';
import { planHost } from '../lib/plan';
import { LocalTestExecutor } from '../testing/local-executor';
import { serviceHandler } from './service';

const facts = (name: string) =>
  serviceHandler.parseFacts(
    `systemd=yes\n${readFileSync(join(__dirname, 'fixtures', name), 'utf8')}`,
    service({ name: 'redis' }),
  );
const changed = (...ids: string[]) => ({ changed: (id: string) => ids.includes(id) });
const redis = service({ name: 'redis-server', enabled: true, state: 'started', restartOn: ['redis-conf'] });

describe('service operation', () => {
  it('is unchanged when the unit is enabled and running', () => {
    expect(serviceHandler.diff(redis, facts('systemctl-show.active-enabled.txt'), changed())).toEqual({
      changed: false,
      summary: 'redis-server.service is active, enabled',
    });
  });

  it('restarts (after a daemon-reload) when a watched operation changed', () => {
    const current = facts('systemctl-show.active-enabled.txt');
    expect(serviceHandler.diff(redis, current, changed('redis-conf')).summary).toBe(
      'redis-server.service: restart (redis-conf changed)',
    );
    expect(serviceHandler.changeScript(redis, current, changed('redis-conf'))).toBe(
      'systemctl daemon-reload\nsystemctl restart -- redis-server.service',
    );
  });

  it('enables and starts a disabled, stopped unit, re-reading units first because a watched file changed, without an extra restart', () => {
    const current = facts('systemctl-show.inactive-disabled.txt');
    expect(serviceHandler.diff(redis, current, changed('redis-conf')).summary).toBe(
      'redis-server.service: enable, start',
    );
    expect(serviceHandler.changeScript(redis, current, changed('redis-conf'))).toBe(
      'systemctl enable -- redis-server.service\nsystemctl daemon-reload\nsystemctl start -- redis-server.service',
    );
  });

  it('reports a unit that does not exist as a problem naming what to do', () => {
    expect(serviceHandler.diff(redis, facts('systemctl-show.not-found.txt'), changed()).problem).toMatch(
      /does not exist; install its package/,
    );
  });

  it('fails clearly on a host without systemd as PID 1 (this machine), at plan and at apply', async () => {
    const executor = new LocalTestExecutor();
    const plan = await planHost(executor, [
      service({ name: 'redis-server', enabled: true, state: 'started' }),
    ]);
    expect(plan.operations[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('systemd is not running as PID 1'),
    });
    expect(plan.errors).toBe(1);
    const result = await applyHost(executor, plan);
    expect(result.error?.message).toMatch(
      /Operation "service:redis-server" \(service\) failed on host "localhost": systemd is not running as PID 1/,
    );
  });
});
