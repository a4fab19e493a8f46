import { RemoteConfigError } from './errors';
import { connectionKey, parseHostSpec } from './host-spec';

describe('parseHostSpec', () => {
  it('applies defaults: address from name, port 22, MaxSessions 10, keepalive on', () => {
    expect(parseHostSpec({ name: 'web1', user: 'deploy' })).toMatchObject({
      name: 'web1',
      address: 'web1',
      port: 22,
      user: 'deploy',
      connection: 'ssh',
      maxSessions: 10,
      keepaliveIntervalMs: 15_000,
      connectTimeoutMs: 10_000,
      jump: [],
    });
  });

  it('treats a host named localhost without an address as local, and any other host as ssh', () => {
    expect(parseHostSpec({ name: 'localhost' }).connection).toBe('local');
    expect(parseHostSpec({ name: 'localhost', address: '127.0.0.1' }).connection).toBe('ssh');
    expect(parseHostSpec({ name: 'web1' }).connection).toBe('ssh');
    expect(parseHostSpec({ name: 'builder', connection: 'local' }).connection).toBe('local');
  });

  it('rejects invalid input with a message naming the host and every field at fault', () => {
    const attempt = () =>
      parseHostSpec({ name: 'db1', port: 70_000, password: 'plain', jump: [{ name: '' }] });
    expect(attempt).toThrow(RemoteConfigError);
    expect(attempt).toThrow(
      /db1: invalid host descriptor: .*port.*password: must be a secret.*jump\.0\.name/s,
    );
  });

  it('keys connections by user, address, port and jump chain', () => {
    const spec = parseHostSpec({
      name: 'app',
      address: '10.0.0.2',
      user: 'ops',
      jump: [{ name: 'bastion', user: 'ops', port: 2222 }],
    });
    expect(connectionKey(spec)).toBe('ops@bastion:2222 -> ops@10.0.0.2:22');
  });
});
