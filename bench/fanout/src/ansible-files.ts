import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FanoutInventory } from './inventory';
import { type WorkloadOp, workload } from './workload';

export type AnsibleProfile = 'default' | 'tuned';

/** Ansible's configuration per profile: default changes nothing that matters for speed; tuned is what its docs recommend. */
function ansibleCfg(profile: AnsibleProfile): string {
  const common = ['[defaults]', 'interpreter_python = /usr/bin/python3', 'retry_files_enabled = False'];
  if (profile === 'default') return `${common.join('\n')}\n`;
  return `${[...common, 'forks = 16', '', '[ssh_connection]', 'pipelining = True', 'ssh_args = -o ControlMaster=auto -o ControlPersist=300s'].join('\n')}\n`;
}

function inventoryIni(inventory: FanoutInventory): string {
  return [
    '[fanout]',
    ...inventory.hosts.map((host) => `${host.name} ansible_host=${host.address} ansible_port=${host.port}`),
    '',
    '[fanout:vars]',
    'ansible_user=root',
    `ansible_ssh_private_key_file=${inventory.privateKeyPath}`,
    `ansible_ssh_common_args='-o UserKnownHostsFile=${inventory.knownHostsPath} -o StrictHostKeyChecking=yes'`,
    '',
  ].join('\n');
}

/** The workload as the playbook's vars; templates become .j2 files (`host` is the inventory name, params come from the loop item). */
function playbookVars(ops: readonly WorkloadOp[], dir: string): object {
  const vars = {
    always: [] as object[],
    directories: [] as string[],
    files: [] as object[],
    templates: [] as object[],
    lines: [] as object[],
    creates: [] as object[],
    unless: [] as object[],
    onlyIf: [] as object[],
  };
  for (const op of ops) {
    if (op.kind === 'directory') vars.directories.push(op.path);
    else if (op.kind === 'file') vars.files.push({ path: op.path, content: op.content, mode: op.mode });
    else if (op.kind === 'template') {
      const src = join(dir, `template-${vars.templates.length + 1}.j2`);
      writeFileSync(
        src,
        op.template.replace(/\{\{ (\w+) \}\}/g, (_m, name: string) =>
          name === 'host' ? '{{ inventory_hostname }}' : `{{ item.params.${name} }}`,
        ),
      );
      vars.templates.push({ src, path: op.path, mode: op.mode, params: op.params });
    } else if (op.kind === 'line')
      vars.lines.push({ path: op.path, line: op.line, ...(op.regex ? { regexp: op.regex } : {}) });
    else if (!op.creates && !op.unless && !op.onlyIf) vars.always.push({ command: op.command });
    else if (op.creates && !op.unless && !op.onlyIf)
      vars.creates.push({ command: op.command, creates: op.creates });
    else if (op.unless && !op.creates && !op.onlyIf)
      vars.unless.push({ command: op.command, unless: op.unless });
    else if (op.onlyIf && !op.creates && !op.unless)
      vars.onlyIf.push({ command: op.command, onlyIf: op.onlyIf });
    else throw new Error(`shell "${op.command}": the playbook handles exactly one guard per shell operation`);
  }
  return { fanout: vars };
}

export interface AnsibleFiles {
  inventory: string;
  vars: string;
  config(profile: AnsibleProfile): string;
}

/** Writes the inventory, vars, templates and both configs into `dir`. */
export function writeAnsibleFiles(dir: string, inventory: FanoutInventory): AnsibleFiles {
  mkdirSync(dir, { recursive: true });
  const files = { inventory: join(dir, 'inventory.ini'), vars: join(dir, 'vars.json') };
  writeFileSync(files.inventory, inventoryIni(inventory));
  writeFileSync(files.vars, JSON.stringify(playbookVars(workload(), dir)));
  for (const profile of ['default', 'tuned'] as const)
    writeFileSync(join(dir, `ansible-${profile}.cfg`), ansibleCfg(profile));
  return { ...files, config: (profile) => join(dir, `ansible-${profile}.cfg`) };
}
