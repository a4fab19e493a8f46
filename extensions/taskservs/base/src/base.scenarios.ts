import type { TaskservScenario } from '@provisioning/sdk';

const DEPLOY_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKD4WHk4fDoo5Eij/WWcXm/N7+vhAXe8yckg3n0uq1YO deploy@scenario';

/** The host name is left alone: the testbed names its hosts and tests find them by that name. */
export const baseScenarios: readonly TaskservScenario[] = [
  {
    name: 'base: packages, time zone, a sudo user with a key, sshd hardened then relaxed',
    taskserv: 'base',
    description: 'Changing one sshd param rewrites the drop-in and reloads ssh once; nothing else changes.',
    hosts: 1,
    apply: {
      params: {
        timezone: 'Europe/Berlin',
        packages: ['curl', 'sudo'],
        users: [{ name: 'deploy', groups: ['sudo', 'ops'], authorized_keys: [DEPLOY_KEY] }],
      },
    },
    checks: [
      {
        description: 'password logins are off',
        command: '/usr/sbin/sshd -T | grep -i "^passwordauthentication "',
        expect: 'passwordauthentication no',
      },
      {
        description: 'root may log in with keys only',
        command: '/usr/sbin/sshd -T | grep -i "^permitrootlogin "',
        expect: 'permitrootlogin without-password',
      },
      { description: 'deploy is in sudo and ops', command: 'id -nG deploy', expect: 'deploy sudo ops' },
      {
        description: 'deploy has its key',
        command: 'cat /home/deploy/.ssh/authorized_keys',
        expect: DEPLOY_KEY,
      },
      {
        description: 'the time zone is set',
        command: 'readlink /etc/localtime',
        expect: '/usr/share/zoneinfo/Europe/Berlin',
      },
      {
        description: 'curl is installed',
        command: "dpkg-query -W -f='${Status}' curl",
        expect: 'install ok installed',
      },
    ],
    change: {
      params: {
        timezone: 'Europe/Berlin',
        packages: ['curl', 'sudo'],
        users: [{ name: 'deploy', groups: ['sudo', 'ops'], authorized_keys: [DEPLOY_KEY] }],
        sshd_password_authentication: true,
      },
      changes: ['file:sshd-drop-in', 'shell:reload-sshd'],
    },
    removed: [
      {
        description: 'the drop-in is gone',
        command: 'test ! -e /etc/ssh/sshd_config.d/10-provisioning-base.conf && echo gone',
        expect: 'gone',
      },
      { description: 'the user stays (remove keeps accounts)', command: 'id -un deploy', expect: 'deploy' },
    ],
  },
];
