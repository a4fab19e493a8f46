import type { TaskservScenario } from '@provisioning/sdk';

const fetch = (port: number) =>
  `python3 -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:${port}/').read().decode())"`;

export const nginxScenarios: readonly TaskservScenario[] = [
  {
    name: 'nginx: static site on port 80 replacing the default site, then moved to 8080',
    taskserv: 'nginx',
    description:
      'Changing the port rewrites the site and reloads nginx once (validated with nginx -t); the package, link and service stay.',
    hosts: 1,
    apply: { params: { server_name: 'scenario.example.com', port: 80 } },
    checks: [
      { description: 'the site serves the packaged page', command: fetch(80), expect: 'Welcome to nginx' },
      {
        description: 'the site is enabled',
        command: 'readlink /etc/nginx/sites-enabled/provisioning',
        expect: '/etc/nginx/sites-available/provisioning',
      },
      {
        description: 'the default site is gone',
        command: 'test ! -e /etc/nginx/sites-enabled/default && echo gone',
        expect: 'gone',
      },
      {
        description: 'nginx runs the config',
        command: 'nginx -T 2>/dev/null | grep server_name',
        expect: 'server_name scenario.example.com;',
      },
    ],
    change: {
      params: { server_name: 'scenario.example.com', port: 8080 },
      changes: ['template:nginx-site', 'shell:reload-nginx'],
    },
    removed: [
      { description: 'nginx is removed', command: 'test ! -e /usr/sbin/nginx && echo gone', expect: 'gone' },
      {
        description: 'the site file is gone',
        command: 'test ! -e /etc/nginx/sites-available/provisioning && echo gone',
        expect: 'gone',
      },
    ],
  },
];
