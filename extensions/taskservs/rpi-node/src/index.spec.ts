import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TaskservParamsError } from '@provisioning/sdk';
import { operationById, resolveOperations } from '@provisioning/sdk/testing';
import { parse } from 'yaml';
import { rpiNode } from './index';

const manifest = parse(readFileSync(join(__dirname, '..', 'manifest.yaml'), 'utf8'));

describe('taskserv rpi-node', () => {
  it('declares the name and version of its manifest.yaml', () => {
    expect({ name: rpiNode.name, version: rpiNode.version }).toEqual({
      name: manifest.name,
      version: manifest.version,
    });
  });

  it('by default only makes SSH key-only, restarting ssh when that changes', () => {
    const operations = resolveOperations(rpiNode, {});
    expect(operations.map((operation) => operation.id)).toEqual(['file:sshd-provisioning', 'service:ssh']);
    expect(operationById(operations, 'file:sshd-provisioning', 'file').content).toContain(
      'PasswordAuthentication no',
    );
    expect(operationById(operations, 'service:ssh', 'service').restartOn).toEqual(['file:sshd-provisioning']);
  });

  it('sets hostname, time zone and config.txt keys, each replacing the line for that key', () => {
    const operations = resolveOperations(rpiNode, {
      hostname: 'pi-3',
      timezone: 'Europe/Berlin',
      config_txt: { gpu_mem: '16', arm_boost: '1' },
    });
    expect(operationById(operations, 'line:hosts', 'line')).toMatchObject({
      path: '/etc/hosts',
      line: '127.0.1.1\tpi-3',
    });
    expect(operationById(operations, 'shell:hostname', 'shell')).toMatchObject({
      command: 'hostname pi-3',
      unless: '[ "$(hostname)" = pi-3 ]',
    });
    expect(operationById(operations, 'link:localtime', 'link').target).toBe(
      '/usr/share/zoneinfo/Europe/Berlin',
    );
    expect(operationById(operations, 'line:config-txt:gpu_mem', 'line')).toMatchObject({
      path: '/boot/firmware/config.txt',
      regex: '^gpu_mem=',
      line: 'gpu_mem=16',
    });
  });

  it.each([
    [{ hostname: 'bad name' }, /hostname/],
    [{ timezone: '../../etc/passwd' }, /timezone/],
    [{ config_txt: { 'gpu_mem\nx': '1' } }, /config_txt/],
  ])('rejects %j', (params, field) => {
    expect(() => resolveOperations(rpiNode, params)).toThrow(TaskservParamsError);
    expect(() => resolveOperations(rpiNode, params)).toThrow(field);
  });
});
