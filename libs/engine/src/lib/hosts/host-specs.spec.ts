import { BUILTIN_SETTINGS, createSecretStore } from '@provisioning/config';
import { parseHostSpec } from '@provisioning/remote';
import { loadInfra } from '../../testing/workspace-fixture';
import { hostSpecsFor } from './host-specs';

const servers = `servers:
  - { name: outer, address: outer.example.com, port: 2201 }
  - { name: bastion, address: 10.0.0.1, jump_host: outer }
  - name: web
    address: 10.0.1.1
    jump_host: "bastion,ops@10.0.2.1:2222"
    ssh_password: "{{secret.WEB_PW}}"
    sudo: true
    sudo_password: "{{secret.WEB_SUDO}}"
  - { name: db, address: 10.0.3.1 }
settings:
  ssh:
    user: deploy
    sudo_password: "{{secret.DEFAULT_SUDO}}"
`;

function specs(env: Record<string, string> = {}) {
  const infra = loadInfra({ 'infra/main/servers.yaml': servers });
  const settings = { ...BUILTIN_SETTINGS, ssh: { ...BUILTIN_SETTINGS.ssh, ...infra.settings.ssh } };
  const secretStore = createSecretStore({ env, files: [] });
  return new Map(
    hostSpecsFor(infra, { settings, workspaceRoot: '/ws', secretStore }).map((spec) => [spec.name, spec]),
  );
}

describe('hostSpecsFor', () => {
  it('turns a jump_host chain into every hop in ProxyJump order, a named server bringing its own chain first', () => {
    const web = specs().get('web');
    expect(web?.jump?.map((hop) => `${hop.user}@${hop.address}:${hop.port}`)).toEqual([
      'deploy@outer.example.com:2201',
      'deploy@10.0.0.1:22',
      'ops@10.0.2.1:2222',
    ]);
    expect(() => parseHostSpec(web)).not.toThrow();
  });

  it('wires ssh_password, sudo and sudo_password (server first, then settings) as secrets read when the pool needs them', async () => {
    const all = specs({
      PROVISIONING_SECRET_WEB_PW: 'pw-1',
      PROVISIONING_SECRET_WEB_SUDO: 'sudo-1',
      PROVISIONING_SECRET_DEFAULT_SUDO: 'sudo-0',
    });
    const web = all.get('web');
    expect(web?.sudo).toBe(true);
    expect(await (web?.password as () => string)()).toBe('pw-1');
    expect(await (web?.sudoPassword as () => string)()).toBe('sudo-1');
    const db = all.get('db');
    expect(db?.password).toBeUndefined();
    expect(await (db?.sudoPassword as () => string)()).toBe('sudo-0');
  });

  it('reports a missing password secret as an ordinary error naming the reference and the server that uses it', () => {
    const web = specs().get('web');
    expect(() => (web?.password as () => string)()).toThrow(
      /infra\/main\/servers\.yaml:\d+:\d+ ssh_password of server "web" refers to \{\{secret\.WEB_PW\}\}, but no secret named WEB_PW exists/,
    );
  });
});
