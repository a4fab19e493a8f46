import { command, file, line, link, pkg, quote, shell } from '@provisioning/sdk';
import type { Operation } from '@provisioning/sdk';

export const PACKAGES_ID = 'package:base';

export function packages(names: readonly string[]): Operation[] {
  return names.length ? [pkg({ id: PACKAGES_ID, names: [...names] })] : [];
}

/** /etc/hostname for the next boot, the running name now, and 127.0.1.1 so the name resolves locally (Debian's convention). */
export function hostname(name: string): Operation[] {
  return [
    file({ id: 'file:hostname', path: '/etc/hostname', content: `${name}\n`, mode: '0644' }),
    line({
      id: 'line:hosts-127.0.1.1',
      path: '/etc/hosts',
      regex: '^127\\.0\\.1\\.1\\s',
      line: `127.0.1.1\t${name}`,
    }),
    shell({
      id: 'shell:set-hostname',
      description: `set the running host name to ${name}`,
      command: command('hostname', name),
      unless: `test "$(hostname)" = ${quote(name)}`,
    }),
  ];
}

/** A zone name that tzdata lacks would leave /etc/localtime dangling, so that is checked first. */
export function timezone(zone: string): Operation[] {
  const zoneFile = `/usr/share/zoneinfo/${zone}`;
  return [
    shell({
      id: 'shell:check-timezone',
      description: `fail unless tzdata knows ${zone}`,
      command: `echo ${quote(`time zone ${zone} is not in ${zoneFile} (install tzdata or fix the timezone param)`)} >&2; exit 1`,
      unless: `test -f ${quote(zoneFile)}`,
    }),
    link({ id: 'link:localtime', path: '/etc/localtime', target: zoneFile, after: ['shell:check-timezone'] }),
    file({ id: 'file:timezone', path: '/etc/timezone', content: `${zone}\n`, mode: '0644' }),
  ];
}
