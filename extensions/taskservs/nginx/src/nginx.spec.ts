import { Eta } from 'eta';
import { TaskservParamsError } from '@provisioning/sdk';
import type { TemplateOperation } from '@provisioning/sdk';
import { nginx, RELOADED_STAMP } from './nginx';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  resolveOperations,
} from '@provisioning/sdk/testing';

// The engine renders templates with this eta configuration (libs/operations, template kind).
const render = (operation: TemplateOperation) =>
  new Eta({ autoEscape: false, autoTrim: false }).renderString(
    operation.template as string,
    operation.params,
  );
const site = (params: object) =>
  operationById(resolveOperations(nginx, params), 'template:nginx-site', 'template');

describe('nginx install', () => {
  it('installs nginx, configures workers, root, the site and its link, drops the default site, runs the service and reloads it', () => {
    expect(resolveOperations(nginx, {}).map((operation) => operation.id)).toEqual([
      'package:nginx',
      'line:nginx-worker-processes',
      'directory:nginx-root',
      'template:nginx-site',
      'link:nginx-site',
      'absent:nginx-default-site',
      'service:nginx',
      'shell:reload-nginx',
    ]);
  });

  it('renders a static site with the server name, both listen lines and the root', () => {
    const operation = site({ server_name: 'www.example.com example.com', port: 8080 });
    expect(operation.path).toBe('/etc/nginx/sites-available/provisioning');
    const text = render(operation);
    expect(text).toContain(
      '    listen 8080;\n    listen [::]:8080;\n    server_name www.example.com example.com;\n    root /var/www/html;\n',
    );
    expect(text).toContain('try_files $uri $uri/ =404;');
    expect(text).not.toContain('proxy_pass');
    expect(text.endsWith('    }\n}\n')).toBe(true);
  });

  it('renders a reverse proxy when upstream is set, and no root directory is managed', () => {
    const operations = resolveOperations(nginx, { upstream: 'http://127.0.0.1:3000', ipv6: false });
    const text = render(operationById(operations, 'template:nginx-site', 'template'));
    expect(text).toContain(
      '    listen 80;\n    server_name _;\n\n    location / {\n        proxy_pass http://127.0.0.1:3000;\n',
    );
    expect(text).not.toContain('root ');
    expect(text).not.toContain('[::]');
    expect(operations.map((operation) => operation.id)).not.toContain('directory:nginx-root');
  });

  it('enables the site with a link from sites-enabled to sites-available', () => {
    expect(
      operationById(resolveOperations(nginx, { site: 'shop' }), 'link:nginx-site', 'link'),
    ).toMatchObject({
      path: '/etc/nginx/sites-enabled/shop',
      target: '/etc/nginx/sites-available/shop',
    });
  });

  it('keeps the default site when remove_default_site is false', () => {
    expect(
      resolveOperations(nginx, { remove_default_site: false }).map((operation) => operation.id),
    ).not.toContain('absent:nginx-default-site');
  });

  it('sets worker_processes by replacing the line nginx.conf already has', () => {
    expect(
      operationById(
        resolveOperations(nginx, { worker_processes: '4' }),
        'line:nginx-worker-processes',
        'line',
      ),
    ).toMatchObject({
      path: '/etc/nginx/nginx.conf',
      regex: '^\\s*worker_processes\\s',
      line: 'worker_processes 4;',
      create: false,
    });
  });

  it('keeps nginx enabled and running but never restarts it for a config change (the reload does that)', () => {
    const unit = operationById(resolveOperations(nginx, {}), 'service:nginx', 'service');
    expect(unit).toMatchObject({ enabled: true, state: 'started', after: ['package:nginx'] });
    expect(unit.restartOn).toBeUndefined();
  });

  it('reloads only after nginx -t passes, and only when the effective config differs from the one last reloaded', () => {
    const reload = operationById(resolveOperations(nginx, {}), 'shell:reload-nginx', 'shell');
    expect(reload.command).toMatch(/^nginx -t && systemctl reload-or-restart nginx && /);
    expect(reload.command).toContain(`nginx -T 2>/dev/null | sha256sum > ${RELOADED_STAMP}`);
    expect(reload.unless).toBe(
      `test "$(nginx -T 2>/dev/null | sha256sum)" = "$(cat ${RELOADED_STAMP} 2>/dev/null)"`,
    );
    expect(reload.after).toEqual([
      'package:nginx',
      'line:nginx-worker-processes',
      'directory:nginx-root',
      'template:nginx-site',
      'link:nginx-site',
      'absent:nginx-default-site',
    ]);
  });
});

describe('nginx remove', () => {
  it('removes the packages, then the site link and file it wrote', () => {
    const operations = resolveOperations(nginx, { site: 'shop' }, { action: 'remove' });
    expect(operationById(operations, 'package:nginx', 'package')).toMatchObject({
      names: ['nginx', 'nginx-common'],
      state: 'absent',
    });
    expect(
      operations
        .filter((operation) => operation.kind === 'absent')
        .map((operation) => (operation as { path: string }).path),
    ).toEqual(['/etc/nginx/sites-enabled/shop', '/etc/nginx/sites-available/shop', RELOADED_STAMP]);
  });
});

describe('nginx params', () => {
  it.each([
    ['server_name', { server_name: 'a.com; include /etc/passwd' }],
    ['port', { port: 0 }],
    ['root', { root: 'relative/dir' }],
    ['upstream', { upstream: 'ftp://backend' }],
    ['site', { site: '../default' }],
    ['worker_processes', { worker_processes: 'many' }],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolveOperations(nginx, params)).toThrow(TaskservParamsError);
    expect(() => resolveOperations(nginx, params)).toThrow(new RegExp(`${field}: `));
  });
});

describe('nginx: changing one param changes exactly the expected operations', () => {
  it.each([
    ['port', { port: 8080 }, ['template:nginx-site']],
    ['server_name', { server_name: 'example.com' }, ['template:nginx-site']],
    ['worker_processes', { worker_processes: '2' }, ['line:nginx-worker-processes']],
    ['root', { root: '/srv/www' }, ['directory:nginx-root', 'template:nginx-site']],
    [
      'remove_default_site',
      { remove_default_site: false },
      ['absent:nginx-default-site', 'shell:reload-nginx'],
    ],
    ['site', { site: 'shop' }, ['link:nginx-site', 'template:nginx-site']],
  ])('%s', (_param, change, expected) => {
    expect(changedOperationIds(resolveOperations(nginx, {}), resolveOperations(nginx, change))).toEqual(
      expected,
    );
  });
});

describe('nginx operation references', () => {
  it.each([{}, { upstream: 'http://127.0.0.1:3000', remove_default_site: false }])(
    'every after and restartOn names an earlier operation, install and remove (%j)',
    (params) => {
      for (const action of ['install', 'remove'] as const) {
        expect(danglingReferences(resolveOperations(nginx, params, { ...{}, action }))).toEqual([]);
      }
    },
  );
});
