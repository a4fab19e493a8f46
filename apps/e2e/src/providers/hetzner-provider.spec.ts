import { HetznerEmulator } from '@provisioning/provider-hetzner/testing';
import { describeCloudProvider } from './cloud-provider-suite';

describeCloudProvider({
  provider: 'hetzner',
  secretName: 'HCLOUD_TOKEN',
  token: 'hcloud-e2e-token-7f3a9c2e51d4',
  network: { bridge: 'pcla-br0', subnet: '10.195.0.0/24' },
  options: 'location: nbg1, server_type: cx22, image: debian-12',
  async startEmulator(token, machines) {
    const emulator = new HetznerEmulator({ token, machines, serverLimit: 2 });
    return {
      endpoint: await emulator.start(),
      log: emulator.http.log,
      hold: () => (emulator.holdCreates = true),
      release: () => emulator.release(),
      deleteBehindBack: (id) => emulator.deleteBehindBack(Number(id)),
      serverCount: () => emulator.servers.size,
      userData: (id) => emulator.servers.get(Number(id))?.userData,
      injectTransientFaults() {
        emulator.fail(503, 'unavailable', { method: 'GET', path: /^\/v1\/actions\//, times: 2 });
        emulator.fail(429, 'rate_limit_exceeded', {
          method: 'POST',
          path: /^\/v1\/servers$/,
          headers: { 'retry-after': '1' },
        });
      },
      createRequests: (name) =>
        emulator.http.log.filter(
          (entry) =>
            entry.method === 'POST' &&
            entry.path === '/v1/servers' &&
            (entry.body as { name?: string } | undefined)?.name === name,
        ),
      close: () => emulator.close(),
    };
  },
  heldCreateError:
    /action \d+ \(create_server\) still running after 3 s \(action_timeout\); run the same command again/,
  quotaError: /403 Forbidden \(resource_limit_exceeded: server limit exceeded\).*the project reached a limit/,
});
