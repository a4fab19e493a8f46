import { command, quote } from '@provisioning/sdk';
import type { PackageManager, PackageOperation } from '@provisioning/sdk';
import { FactLines } from '../lib/facts-format';
import type { Change, OperationHandler } from '../lib/handler';

export interface PackageFacts {
  manager: PackageManager | 'none';
  /** Installed packages among those asked about, with their versions ('' when the manager gives none). */
  installed: Map<string, string>;
}

/** `dpkg-query` fields: "ii " in db:Status-Abbrev means installed; "rc" (config left) does not. */
const DPKG_FORMAT = '${Package}\\t${db:Status-Abbrev}\\t${Version}\\n';
const RPM_FORMAT = '%{NAME}\\t%{VERSION}-%{RELEASE}\\n';

export const packageHandler: OperationHandler<PackageOperation, PackageFacts> = {
  kind: 'package',

  factsScript(op) {
    const names = op.names.map(quote).join(' ');
    return [
      `if command -v apt-get >/dev/null 2>&1; then echo manager=apt; dpkg-query -W -f=${quote(DPKG_FORMAT)} -- ${names} 2>/dev/null | sed 's/^/dpkg=/'`,
      `elif command -v dnf >/dev/null 2>&1 || command -v yum >/dev/null 2>&1; then echo manager=dnf; rpm -q --qf ${quote(RPM_FORMAT)} -- ${names} 2>/dev/null | sed 's/^/rpm=/'`,
      `elif command -v apk >/dev/null 2>&1; then echo manager=apk; apk info -e -- ${names} 2>/dev/null | sed 's/^/apk=/'`,
      'else echo manager=none; fi',
    ].join('\n');
  },

  parseFacts: (text) => parsePackageFacts(text),

  diff(op, facts): Change {
    if (facts.manager === 'none') {
      return {
        changed: true,
        summary: 'no package manager',
        problem: 'found none of apt-get, dnf, yum or apk on the host; install packages another way (shell)',
      };
    }
    if (op.manager && op.manager !== facts.manager) {
      return {
        changed: true,
        summary: `${op.manager} not on host`,
        problem: `the operation asks for ${op.manager} but the host uses ${facts.manager}`,
      };
    }
    const pending = pendingNames(op, facts);
    const verb = op.state === 'present' ? 'install' : 'remove';
    if (!pending.length)
      return {
        changed: false,
        summary: `${op.names.join(', ')} already ${op.state === 'present' ? 'installed' : 'absent'}`,
      };
    return { changed: true, summary: `${verb} ${pending.join(', ')} (${facts.manager})` };
  },

  changeScript(op, facts) {
    const names = pendingNames(op, facts);
    return changeCommands(facts.manager as PackageManager, op.state, names);
  },

  paths: () => [],
};

function pendingNames(op: PackageOperation, facts: PackageFacts): string[] {
  return op.names.filter((name) => facts.installed.has(name) !== (op.state === 'present'));
}

export function parsePackageFacts(text: string): PackageFacts {
  const facts = new FactLines(text);
  const manager = (facts.get('manager') ?? 'none') as PackageFacts['manager'];
  const installed = new Map<string, string>();
  for (const entry of facts.all('dpkg')) {
    const [name, status, version] = entry.split('\t');
    if (status?.startsWith('ii')) installed.set(name.replace(/:.*$/, ''), version ?? '');
  }
  for (const entry of facts.all('rpm')) {
    const [name, version] = entry.split('\t');
    if (version !== undefined) installed.set(name, version); // "package x is not installed" has no tab
  }
  for (const name of facts.all('apk')) if (name) installed.set(name, '');
  return { manager, installed };
}

function changeCommands(manager: PackageManager, state: 'present' | 'absent', names: string[]): string {
  switch (manager) {
    case 'apt': {
      const dpkgOptions = ['-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold'];
      if (state === 'absent')
        return `export DEBIAN_FRONTEND=noninteractive\n${command('apt-get', 'remove', '-y', '-q', '--', ...names)}`;
      const install = command('apt-get', 'install', '-y', '-q', ...dpkgOptions, '--', ...names);
      // A fresh host often has no (or stale) package lists: refresh once and retry.
      return `export DEBIAN_FRONTEND=noninteractive\n${install} || { apt-get update -q && ${install}; }`;
    }
    case 'dnf': {
      const tool = 'tool=dnf; command -v dnf >/dev/null 2>&1 || tool=yum';
      return `${tool}\n"$tool" ${state === 'present' ? 'install' : 'remove'} -y -- ${names.map(quote).join(' ')}`;
    }
    case 'apk':
      return state === 'present'
        ? command('apk', 'add', '--no-cache', '--', ...names)
        : command('apk', 'del', '--', ...names);
  }
}
