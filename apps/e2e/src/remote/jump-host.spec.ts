import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { recordedPool, rootSpec, type RecordedPool } from '../support/remote-pool';

describeOnTestbed('jump host: host 2 reached through host 1', (testbed) => {
  let recorded: RecordedPool;
  const target = 'behind-jump';
  beforeAll(() => {
    const [h1, h2] = [hostAt(testbed(), 1), hostAt(testbed(), 2)];
    recorded = recordedPool([rootSpec(testbed(), h2, { name: target, jump: [rootSpec(testbed(), h1)] })]);
  });
  afterAll(() => recorded.pool.close());

  it('runs the command on host 2', async () => {
    expect((await recorded.pool.exec(target, 'hostname')).stdout).toBe(`${hostAt(testbed(), 2).name}\n`);
  });

  it('arrives at host 2 from host 1 address, so the traffic went through host 1', async () => {
    const result = await recorded.pool.exec(target, 'echo "$SSH_CONNECTION" | cut -d" " -f1');
    expect(result.stdout).toBe(`${hostAt(testbed(), 1).address}\n`);
  });

  it('reports the jump in its connect event', () => {
    const connect = recorded.events.find((event) => event.type === 'connect' && event.host === target);
    expect(connect).toMatchObject({ via: [hostAt(testbed(), 1).name] });
  });
});
