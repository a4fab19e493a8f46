import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TaskservParamsError } from '@provisioning/sdk';
import { operationById, resolveOperations } from '@provisioning/sdk/testing';
import { parse } from 'yaml';
import { rpiNetwork } from './index';

const manifest = parse(readFileSync(join(__dirname, '..', 'manifest.yaml'), 'utf8'));
const wifi = { country: 'DE', ssid: 'Lab', password: 'correct horse battery' };

describe('taskserv rpi-network', () => {
  it('declares the name and version of its manifest.yaml', () => {
    expect({ name: rpiNetwork.name, version: rpiNetwork.version }).toEqual({
      name: manifest.name,
      version: manifest.version,
    });
  });

  it('writes a DHCP connection for eth0 by default and reloads NetworkManager only after a change', () => {
    const operations = resolveOperations(rpiNetwork, {});
    const connection = operationById(operations, 'file:provisioning-eth0', 'file');
    expect(connection).toMatchObject({
      path: '/etc/NetworkManager/system-connections/provisioning-eth0.nmconnection',
      mode: '0600',
    });
    expect(connection.content).toContain('[ipv4]\nmethod=auto\n');
    expect(operationById(operations, 'shell:reload-provisioning-eth0', 'shell')).toMatchObject({
      unless:
        'cmp -s /etc/NetworkManager/system-connections/provisioning-eth0.nmconnection /var/lib/provisioning/rpi-network/provisioning-eth0.applied',
      onlyIf: 'command -v nmcli >/dev/null',
    });
  });

  it('writes a static Wi-Fi connection with the passphrase only as its WPA-PSK hash, and the same file every run', () => {
    const params = {
      interface: 'wlan0',
      address: '192.168.1.40/24',
      gateway: '192.168.1.1',
      dns: ['9.9.9.9'],
      wifi,
    };
    const content = operationById(resolveOperations(rpiNetwork, params), 'file:provisioning-wlan0', 'file')
      .content as string;
    expect(content).toContain('type=wifi\ninterface-name=wlan0\n');
    expect(content).toContain('address1=192.168.1.40/24,192.168.1.1\ndns=9.9.9.9;\n');
    expect(content).not.toContain('correct horse battery');
    expect(content).toMatch(/psk=[0-9a-f]{64}\n/);
    expect(
      operationById(resolveOperations(rpiNetwork, params), 'file:provisioning-wlan0', 'file').content,
    ).toBe(content);
  });

  it.each([
    [{ address: '192.168.1.40/24' }, /address and gateway go together/],
    [{ interface: 'wlan0' }, /wlan0 needs wifi settings/],
    [{ dns: ['dns.google'] }, /IPv4/],
  ])('rejects %j', (params, message) => {
    expect(() => resolveOperations(rpiNetwork, params)).toThrow(TaskservParamsError);
    expect(() => resolveOperations(rpiNetwork, params)).toThrow(message);
  });
});
