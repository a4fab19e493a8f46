import { api, ApiError } from '../lib/api';
import type { Workflow } from '../lib/api-types';
import { h, replaceChildren } from '../lib/dom';
import { errorNotice, statusBadge, when } from './format';

const REFRESH_MS = 2000;

/** The workflows, newest first, refreshed while shown; and a form to submit one. */
export function renderWorkflows(main: HTMLElement): () => void {
  const list = h('div', { class: 'workflow-list', 'aria-live': 'polite', 'aria-busy': 'true' });
  replaceChildren(main, h('h1', {}, 'Workflows'), submitForm(), list);
  const controller = new AbortController();
  let timer: number | undefined;
  let lastShown = '';
  const refresh = async () => {
    try {
      const page = await api<{ items: Workflow[] }>('/v1/workflows?limit=100', { signal: controller.signal });
      list.setAttribute('aria-busy', 'false');
      const shown = JSON.stringify(page.items);
      if (shown !== lastShown) {
        lastShown = shown;
        // Redrawn only when something changed, with focus put back on the same link.
        const focused = (document.activeElement as HTMLElement | null)?.closest('tr')?.dataset.workflow;
        replaceChildren(
          list,
          page.items.length === 0
            ? h(
                'p',
                {},
                'No workflow yet: submit one above, or with `provisioning workflow submit FILE --orchestrator URL`.',
              )
            : workflowTable(page.items),
        );
        if (focused) list.querySelector<HTMLElement>(`tr[data-workflow="${CSS.escape(focused)}"] a`)?.focus();
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      lastShown = '';
      replaceChildren(list, errorNotice(error));
    }
    if (!controller.signal.aborted) timer = window.setTimeout(refresh, REFRESH_MS);
  };
  void refresh();
  return () => {
    controller.abort();
    window.clearTimeout(timer);
  };
}

function workflowTable(items: Workflow[]): HTMLElement {
  return h(
    'table',
    { class: 'stack' },
    h('caption', { class: 'visually-hidden' }, 'Workflows, newest first'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Workflow', 'Status', 'Steps', 'Submitted'].map((title) => h('th', { scope: 'col' }, title)),
      ),
    ),
    h(
      'tbody',
      {},
      items.map((workflow) =>
        h(
          'tr',
          { 'data-workflow': workflow.id },
          h(
            'td',
            { 'data-label': 'Workflow' },
            h('a', { href: `#/workflows/${encodeURIComponent(workflow.id)}` }, workflow.name),
            h('div', { class: 'id' }, workflow.id),
          ),
          h('td', { 'data-label': 'Status' }, statusBadge(workflow.status)),
          h(
            'td',
            { 'data-label': 'Steps' },
            Object.entries(workflow.counts)
              .filter(([, n]) => (n ?? 0) > 0)
              .map(([status, n]) => `${n} ${status}`)
              .join(', '),
          ),
          h('td', { 'data-label': 'Submitted' }, when(workflow.createdAt)),
        ),
      ),
    ),
  );
}

/** A workflow document (YAML or JSON, as a workflows/*.yaml file) submitted to POST /v1/workflows. */
function submitForm(): HTMLElement {
  const text = h('textarea', {
    id: 'workflow-text',
    name: 'workflow',
    rows: 8,
    spellcheck: 'false',
    'aria-describedby': 'workflow-help',
  });
  text.value =
    'name: hello\noperations:\n  - { id: first, type: noop }\n  - { id: second, type: noop, dependencies: [first] }\n';
  const problem = h('div', { role: 'alert', class: 'form-problem' });
  const form = h(
    'form',
    { class: 'submit-workflow', novalidate: true },
    h('label', { for: 'workflow-text' }, 'Workflow document'),
    h(
      'p',
      { id: 'workflow-help', class: 'hint' },
      'The same YAML as a workflows/*.yaml file; it runs in the orchestrator\u2019s workspace.',
    ),
    text,
    problem,
    h('button', { type: 'submit' }, 'Submit workflow'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.replaceChildren();
    try {
      const workflow = await api<Workflow>('/v1/workflows', {
        method: 'POST',
        body: { workflow: text.value },
      });
      location.hash = `#/workflows/${encodeURIComponent(workflow.id)}`;
    } catch (error) {
      const diagnostics = error instanceof ApiError ? error.diagnostics : [];
      replaceChildren(
        problem,
        errorNotice(error),
        diagnostics.length > 0
          ? h(
              'ul',
              {},
              diagnostics.map((d) => h('li', {}, `line ${d.line}, column ${d.col}: ${d.message}`)),
            )
          : null,
      );
      text.focus();
    }
  });
  return h('details', { class: 'submit' }, h('summary', {}, 'Submit a workflow'), form);
}
