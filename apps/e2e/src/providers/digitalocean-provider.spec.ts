import { DigitaloceanEmulator } from '@provisioning/provider-digitalocean/testing';
import { describeCloudProvider } from './cloud-provider-suite';

describeCloudProvider({
  provider: 'digitalocean',
  secretName: 'DIGITALOCEAN_TOKEN',
  token: 'dop_v1_e2e_token_4c81d07be2a95f36',
  network: { bridge: 'pcla-br0', subnet: '10.195.0.0/24' },
  options: 'region: ams3, size: s-1vcpu-1gb, image: debian-12-x64',
  async startEmulator(token, machines) {
    const emulator = new DigitaloceanEmulator({ token, machines, dropletLimit: 2 });
    return {
      endpoint: await emulator.start(),
      log: emulator.http.log,
      hold: () => (emulator.holdCreates = true),
      release: () => emulator.release(),
      deleteBehindBack: (id) => emulator.deleteBehindBack(Number(id)),
      serverCount: () => emulator.droplets.size,
      userData: (id) => emulator.droplets.get(Number(id))?.userData,
      injectTransientFaults() {
        emulator.fail(503, 'service_unavailable', { method: 'GET', path: /^\/v2\/actions\//, times: 2 });
        emulator.fail(429, 'too_many_requests', {
          method: 'POST',
          path: /^\/v2\/droplets$/,
          headers: { 'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1) },
        });
      },
      createRequests: (name) =>
        emulator.http.log.filter(
          (entry) =>
            entry.method === 'POST' &&
            entry.path === '/v2/droplets' &&
            (entry.body as { name?: string } | undefined)?.name === name,
        ),
      close: () => emulator.close(),
    };
  },
  heldCreateError:
    /action \d+ \(create\) still in progress after 3 s \(action_timeout\); run the same command again/,
  quotaError:
    /422 Unprocessable Entity \(unprocessable_entity: creating this\/these droplet\(s\) will exceed your droplet limit\).*Droplet limit/,
});
