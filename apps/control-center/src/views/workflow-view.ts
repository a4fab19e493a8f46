import { api } from '../lib/api';
import {
  ACTIONS_ALLOWED,
  FINAL_STATUSES,
  type Step,
  type WorkflowDetail,
  type WorkflowEvent,
} from '../lib/api-types';
import { confirmAction } from '../lib/confirm-dialog';
import { columnsFitting } from '../lib/dag-layout';
import { h, replaceChildren } from '../lib/dom';
import { eventLine, stepStatusAfter } from '../lib/event-lines';
import { followEvents } from '../lib/follow-events';
import { dagView } from './dag-view';
import { errorNotice, seconds, statusBadge, when } from './format';

type Action = keyof typeof ACTIONS_ALLOWED;

const ACTION_TEXT: Record<Action, { label: string; title: string; body: string; confirm: string }> = {
  cancel: {
    label: 'Cancel',
    title: 'Cancel this workflow?',
    body: 'No new step starts, and running steps are aborted (their commands are killed on the hosts). Resume can run them again later.',
    confirm: 'Cancel workflow',
  },
  resume: {
    label: 'Resume',
    title: 'Resume this workflow?',
    body: 'Its failed, skipped and cancelled steps run again; steps that succeeded stay done.',
    confirm: 'Resume workflow',
  },
  rollback: {
    label: 'Roll back',
    title: 'Roll this workflow back?',
    body: 'The rollback of every succeeded step runs, in reverse dependency order. A workflow rolls back once.',
    confirm: 'Roll back',
  },
};

/** One workflow: its DAG with each step's state following live, its steps, its log, and the actions. */
export function renderWorkflow(main: HTMLElement, id: string): () => void {
  const controller = new AbortController();
  const header = h('div', { class: 'workflow-header' });
  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Workflow actions' });
  const notice = h('div', { class: 'action-notice', role: 'status' });
  const graph = h('div', { class: 'graph' });
  const stepsTable = h('div', { class: 'steps' });
  const log = h('pre', { class: 'log', role: 'log', 'aria-label': 'Workflow log', tabindex: 0 });
  const following = h('p', { class: 'following hint', role: 'status' });
  replaceChildren(
    main,
    h('p', {}, h('a', { href: '#/workflows' }, '\u2190 All workflows')),
    header,
    actions,
    notice,
    h('h2', {}, 'Steps'),
    graph,
    stepsTable,
    h('h2', {}, 'Log'),
    following,
    log,
  );

  let detail: WorkflowDetail | undefined;
  let lastSeq = 0;
  let streaming = false;
  let drawnColumns = 0;
  const resized = new ResizeObserver(() => {
    if (columnsFitting(graph.clientWidth) !== drawnColumns) draw();
  });
  resized.observe(graph);
  // Made once and only enabled or disabled afterwards, so a focused button keeps its focus.
  const buttons = (Object.keys(ACTION_TEXT) as Action[]).map((action) =>
    h(
      'button',
      {
        type: 'button',
        class: action === 'resume' ? 'secondary' : 'danger',
        'data-action': action,
        disabled: true,
        onclick: () => void act(action),
      },
      ACTION_TEXT[action].label,
    ),
  );
  replaceChildren(actions, buttons);
  const printedOutput = new Set<string>();
  const liveOutput = new Set<string>();

  const appendLine = (text: string, tone: string) => {
    const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    log.append(h('span', { class: `line ${tone}` }, `${text}\n`));
    if (atBottom) log.scrollTop = log.scrollHeight;
  };

  const draw = () => {
    if (!detail) return;
    const { workflow, steps } = detail;
    replaceChildren(
      header,
      h(
        'h1',
        {},
        workflow.name,
        workflow.version ? h('span', { class: 'version' }, ` v${workflow.version}`) : null,
      ),
      h(
        'p',
        { class: 'meta' },
        h('span', { class: 'id' }, workflow.id),
        ' \u00b7 submitted ',
        when(workflow.createdAt),
        ' \u00b7 ',
        statusBadge(workflow.status),
      ),
    );
    for (const button of buttons)
      button.disabled = !ACTIONS_ALLOWED[button.dataset.action as Action].includes(workflow.status);
    const forward = steps.filter((step) => step.phase === 'forward');
    const rollback = steps.filter((step) => step.phase === 'rollback');
    const columns = columnsFitting(graph.clientWidth || window.innerWidth);
    drawnColumns = columns;
    replaceChildren(
      graph,
      dagView(forward, 'Dependency graph', columns),
      rollback.length > 0 ? [h('h3', {}, 'Rollback'), dagView(rollback, 'Rollback graph', columns)] : null,
    );
    replaceChildren(stepsTable, stepTable(steps));
  };

  const printOutputs = () => {
    for (const step of detail?.steps ?? []) {
      const key = `${step.phase}:${step.id}:${step.attempt}`;
      if (!['succeeded', 'failed', 'cancelled'].includes(step.status) || printedOutput.has(key)) continue;
      printedOutput.add(key);
      if (liveOutput.has(`${step.phase}:${step.id}`)) continue;
      for (const host of step.outputs?.hosts ?? []) {
        const text = [host.stdout, host.stderr].filter(Boolean).join('').replace(/\n$/, '');
        if (text)
          appendLine(
            `  ${step.id} on ${host.host} (exit ${host.code ?? '?'}):\n${text.replace(/^/gm, '    ')}`,
            host.code === 0 ? 'plain' : 'bad',
          );
      }
    }
  };

  let reloading: Promise<void> | undefined;
  let reloadAgain = false;
  const reload = async (): Promise<void> => {
    if (reloading) {
      reloadAgain = true;
      return reloading;
    }
    reloading = (async () => {
      do {
        reloadAgain = false;
        try {
          detail = await api<WorkflowDetail>(`/v1/workflows/${encodeURIComponent(id)}`, {
            signal: controller.signal,
          });
          draw();
          printOutputs();
        } catch (error) {
          if (!controller.signal.aborted) replaceChildren(notice, errorNotice(error));
        }
      } while (reloadAgain && !controller.signal.aborted);
    })();
    try {
      await reloading;
    } finally {
      reloading = undefined;
    }
  };

  const onEvent = (event: WorkflowEvent) => {
    lastSeq = event.seq;
    const line = eventLine(event);
    appendLine(line.text, line.tone);
    if (/output/.test(event.type) && event.stepId)
      liveOutput.add(`${event.phase ?? 'forward'}:${event.stepId}`);
    const status = stepStatusAfter(event);
    const step = detail?.steps.find((s) => s.id === event.stepId && s.phase === (event.phase ?? 'forward'));
    if (status && step) {
      step.status = status;
      draw();
    }
    if (status || event.type.startsWith('workflow-')) void reload();
  };

  const follow = () => {
    streaming = true;
    following.textContent = 'Following live\u2026';
    void followEvents(id, {
      after: lastSeq,
      signal: controller.signal,
      onEvent,
      onRetry: (message) => (following.textContent = `Connection lost (${message}); reconnecting\u2026`),
      onEnd: () => {
        streaming = false;
        following.textContent = 'The workflow has ended; nothing more will come.';
        void reload();
      },
    });
  };

  const act = async (action: Action) => {
    const text = ACTION_TEXT[action];
    if (!(await confirmAction(text))) return;
    try {
      await api(`/v1/workflows/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
      replaceChildren(notice, `${text.label}: requested.`);
      await reload();
      if (!streaming && detail && !FINAL_STATUSES.includes(detail.workflow.status)) follow();
    } catch (error) {
      replaceChildren(notice, errorNotice(error));
    }
  };

  void reload().then(() => {
    if (detail) follow();
  });
  return () => {
    controller.abort();
    resized.disconnect();
  };
}

function stepTable(steps: Step[]): HTMLElement {
  return h(
    'table',
    { class: 'stack' },
    h('caption', { class: 'visually-hidden' }, 'Steps and their state'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Step', 'Phase', 'Status', 'Attempt', 'Took', 'Error'].map((title) =>
          h('th', { scope: 'col' }, title),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      steps.map((step) =>
        h(
          'tr',
          { 'data-step-row': `${step.phase}:${step.id}` },
          h('td', { 'data-label': 'Step' }, step.id),
          h('td', { 'data-label': 'Phase' }, step.phase),
          h('td', { 'data-label': 'Status' }, statusBadge(step.status)),
          h('td', { 'data-label': 'Attempt' }, String(step.attempt)),
          h('td', { 'data-label': 'Took' }, seconds(step.durationMs)),
          h(
            'td',
            { 'data-label': 'Error' },
            step.error
              ? [step.error.message, step.error.hint ? h('div', { class: 'hint' }, step.error.hint) : null]
              : '',
          ),
        ),
      ),
    ),
  );
}
