import { api } from '../lib/api';
import type { HostInventory } from '../lib/api-types';
import { h, replaceChildren } from '../lib/dom';
import { errorNotice, when } from './format';

/** Each infra's hosts with the task services installed on them and when (GET /v1/hosts). */
export function renderHosts(main: HTMLElement): () => void {
  const controller = new AbortController();
  const body = h('div', { 'aria-busy': 'true' });
  replaceChildren(
    main,
    h('h1', {}, 'Hosts'),
    h(
      'p',
      { class: 'hint' },
      'What apply recorded as installed, newest first. `provisioning taskserv status` compares it with the hosts themselves.',
    ),
    body,
  );
  api<HostInventory>('/v1/hosts', { signal: controller.signal })
    .then((inventory) => {
      body.setAttribute('aria-busy', 'false');
      replaceChildren(
        body,
        inventory.infras.length === 0 ? h('p', {}, 'This workspace has no infra.') : null,
        inventory.infras.map((infra) =>
          h(
            'section',
            { 'aria-labelledby': `infra-${infra.name}` },
            h('h2', { id: `infra-${infra.name}` }, `Infra ${infra.name}`),
            infra.hosts.length === 0
              ? h('p', {}, 'Nothing installed yet: apply the infra, or run a workflow with a taskserv step.')
              : h(
                  'ul',
                  { class: 'cards' },
                  infra.hosts.map((host) =>
                    h(
                      'li',
                      { class: 'card', 'data-host': host.host },
                      h('h3', {}, host.host),
                      h('p', { class: 'hint' }, 'Last install ', when(host.lastInstalledAt)),
                      h(
                        'ul',
                        { class: 'installed' },
                        host.taskservs.map((taskserv) =>
                          h(
                            'li',
                            {},
                            h('strong', {}, taskserv.name),
                            ` ${taskserv.version} \u00b7 `,
                            when(taskserv.installedAt),
                          ),
                        ),
                      ),
                    ),
                  ),
                ),
          ),
        ),
      );
    })
    .catch((error) => {
      if (!controller.signal.aborted) replaceChildren(body, errorNotice(error));
    });
  return () => controller.abort();
}
