import { whenSignedOut } from './lib/api';
import { h, replaceChildren } from './lib/dom';
import { forgetSessionToken, sessionToken } from './lib/session-token';
import { renderExtensions } from './views/extensions-view';
import { renderHosts } from './views/hosts-view';
import { renderLogin } from './views/login-view';
import { renderWorkflow } from './views/workflow-view';
import { renderWorkflows } from './views/workflows-view';

// The control center: a page over the orchestrator's API. Routes live in the URL's hash, so the
// orchestrator serves one page and every view is a link that survives a reload.

const root = document.getElementById('app') as HTMLElement;
let leaveView: () => void = () => undefined;

const NAV = [
  { href: '#/workflows', label: 'Workflows' },
  { href: '#/hosts', label: 'Hosts' },
  { href: '#/extensions', label: 'Extensions' },
];

function signIn(reason?: string): void {
  leaveView();
  leaveView = () => undefined;
  document.title = 'Sign in · Provisioning';
  renderLogin(root, () => route(), reason);
}

function shell(): HTMLElement {
  const main = h('main', { id: 'main', tabindex: -1 });
  const path = location.hash.split('/')[1] ?? 'workflows';
  replaceChildren(
    root,
    h(
      'a',
      {
        class: 'skip',
        href: '#main',
        onclick: (event: Event) => {
          event.preventDefault();
          main.focus();
        },
      },
      'Skip to content',
    ),
    h(
      'header',
      { class: 'top' },
      h('span', { class: 'brand' }, 'Provisioning'),
      h(
        'nav',
        { 'aria-label': 'Sections' },
        h(
          'ul',
          {},
          NAV.map((item) =>
            h(
              'li',
              {},
              h(
                'a',
                { href: item.href, 'aria-current': item.href === `#/${path}` ? 'page' : undefined },
                item.label,
              ),
            ),
          ),
        ),
      ),
      h(
        'button',
        { type: 'button', class: 'secondary', onclick: () => (forgetSessionToken(), signIn('Signed out.')) },
        'Sign out',
      ),
    ),
    main,
  );
  return main;
}

/** Shows the view the hash names; after a navigation, focus moves to the new content. */
function route(navigated = false): void {
  if (!sessionToken()) return signIn();
  leaveView();
  const [, section = 'workflows', id] = location.hash.split('/');
  const main = shell();
  if (section === 'workflows' && id) {
    document.title = `Workflow ${decodeURIComponent(id)} · Provisioning`;
    leaveView = renderWorkflow(main, decodeURIComponent(id));
  } else if (section === 'hosts') {
    document.title = 'Hosts · Provisioning';
    leaveView = renderHosts(main);
  } else if (section === 'extensions') {
    document.title = 'Extensions · Provisioning';
    leaveView = renderExtensions(main);
  } else {
    document.title = 'Workflows · Provisioning';
    leaveView = renderWorkflows(main);
  }
  if (navigated) main.focus();
}

whenSignedOut(() => signIn('The orchestrator refused the token (it may have changed). Sign in again.'));
window.addEventListener('hashchange', () => route(true));
route();
