import { inventoryFiles } from '@provisioning/testbed';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCliBuilt, provisioning } from '../support/cli';
import { describeOnTestbed } from '../support/on-testbed';

const fingerprint = (hostKey: string) =>
  `SHA256:${createHash('sha256')
    .update(Buffer.from(hostKey.split(' ')[1], 'base64'))
    .digest('base64')
    .replace(/=+$/, '')}`;

// --accept-new-host-keys trusts keys it has not seen; the user must see which ones, as ssh's
// "Permanently added" line shows them. A workspace whose known_hosts starts empty, real hosts.
describeOnTestbed('provisioning CLI: --accept-new-host-keys says which keys it trusted', (testbed) => {
  let workspace: string;
  let knownHosts: string;
  // HOME too, so ~/.ssh/known_hosts cannot already know the hosts.
  const env = () => ({ HOME: workspace, PROVISIONING_SSH_KNOWN_HOSTS: knownHosts });

  beforeAll(() => {
    assertCliBuilt();
    workspace = mkdtempSync(join(tmpdir(), 'e2e-host-keys-'));
    knownHosts = join(workspace, 'fresh_known_hosts');
    writeFileSync(join(workspace, 'provisioning.yaml'), 'name: e2e\ndefault_infra: testbed\n');
    mkdirSync(join(workspace, 'infra', 'testbed'), { recursive: true });
    copyFileSync(inventoryFiles().yaml, join(workspace, 'infra', 'testbed', 'servers.yaml'));
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('refuses unknown hosts without the flag, then prints each fingerprint it records with it, once', async () => {
    const refused = await provisioning(workspace, ['run', '--servers', 'all', 'true'], env());
    expect(refused.code).toBe(1);
    expect(refused.stderr).not.toContain('trusted the new host key');

    const accepted = await provisioning(
      workspace,
      ['run', '--servers', 'all', 'true', '--accept-new-host-keys'],
      env(),
    );
    expect(`exit ${accepted.code}\n${accepted.stderr}`).toMatch(/^exit 0\n/);
    for (const host of testbed().hosts) {
      expect(accepted.stderr).toContain(
        `warning: trusted the new host key of ${host.name} (${host.address}:${host.port}) on first use: ${fingerprint(host.hostKey)}, recorded in ${knownHosts}`,
      );
    }
    expect(readFileSync(knownHosts, 'utf8').trim().split('\n')).toHaveLength(testbed().hosts.length);

    const again = await provisioning(
      workspace,
      ['run', '--servers', 'all', 'true', '--accept-new-host-keys'],
      env(),
    );
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('trusted the new host key');
  });
});
