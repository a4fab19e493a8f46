import { command } from '@provisioning/sdk';
import type { ServiceOperation } from '@provisioning/sdk';
import { FactLines } from '../lib/facts-format';
import type { Change, DiffContext, OperationHandler } from '../lib/handler';

export interface ServiceFacts {
  /** systemd is PID 1 (`/run/systemd/system` exists), so systemctl can manage units. */
  systemd: boolean;
  loadState?: string;
  activeState?: string;
  unitFileState?: string;
}

const RUNNING = ['active', 'activating', 'reloading'];
/** Unit file states where "enabled" is already as good as it gets. */
const ENABLED = ['enabled', 'enabled-runtime', 'static', 'alias', 'indirect', 'generated'];

export const unitName = (name: string) => (name.includes('.') ? name : `${name}.service`);

export const serviceHandler: OperationHandler<ServiceOperation, ServiceFacts> = {
  kind: 'service',

  factsScript: (op) =>
    [
      'if [ -d /run/systemd/system ]; then echo systemd=yes',
      `  ${command('systemctl', 'show', '--property=LoadState,ActiveState,SubState,UnitFileState', '--no-pager', '--', unitName(op.name))}`,
      'else echo systemd=no; fi',
    ].join('\n'),

  parseFacts(text) {
    const facts = new FactLines(text);
    return {
      systemd: facts.get('systemd') === 'yes',
      loadState: facts.get('LoadState'),
      activeState: facts.get('ActiveState'),
      unitFileState: facts.get('UnitFileState'),
    };
  },

  diff(op, facts, context): Change {
    const unit = unitName(op.name);
    if (!facts.systemd) {
      return {
        changed: true,
        summary: `${unit}: no systemd`,
        problem: `systemd is not running as PID 1 on this host, so ${unit} cannot be managed; use a host booted with systemd, or start the daemon with a shell operation`,
      };
    }
    if (facts.loadState === 'not-found') {
      return {
        changed: true,
        summary: `${unit} not found`,
        problem: `unit ${unit} does not exist; install its package or unit file in an earlier operation`,
      };
    }
    const actions = serviceActions(op, facts, context);
    if (!actions.length)
      return { changed: false, summary: `${unit} is ${facts.activeState}, ${facts.unitFileState}` };
    return { changed: true, summary: `${unit}: ${actions.map((action) => action.describe).join(', ')}` };
  },

  changeScript: (op, facts, context) =>
    serviceActions(op, facts, context)
      .map((action) => action.script)
      .join('\n'),
  paths: () => [],
};

interface ServiceAction {
  describe: string;
  script: string;
}

function serviceActions(op: ServiceOperation, facts: ServiceFacts, context: DiffContext): ServiceAction[] {
  const unit = unitName(op.name);
  const actions: ServiceAction[] = [];
  const enabled = ENABLED.includes(facts.unitFileState ?? '');
  const running = RUNNING.includes(facts.activeState ?? '');
  if (op.enabled === true && !enabled)
    actions.push({ describe: 'enable', script: command('systemctl', 'enable', '--', unit) });
  if (op.enabled === false && enabled)
    actions.push({ describe: 'disable', script: command('systemctl', 'disable', '--', unit) });
  const triggers = (op.restartOn ?? []).filter((id) => context.changed(id));
  if (op.state === 'stopped' && running)
    actions.push({ describe: 'stop', script: command('systemctl', 'stop', '--', unit) });
  else if (op.state === 'started' && !running) {
    // A watched unit file or drop-in may have changed while the unit was down: re-read units first.
    const reload = triggers.length ? 'systemctl daemon-reload\n' : '';
    actions.push({ describe: 'start', script: `${reload}${command('systemctl', 'start', '--', unit)}` });
  } else if (triggers.length && op.state !== 'stopped' && running) {
    // A watched unit file may itself have changed, so systemd must re-read units before the restart.
    actions.push({
      describe: `restart (${triggers.join(', ')} changed)`,
      script: `systemctl daemon-reload\n${command('systemctl', 'restart', '--', unit)}`,
    });
  }
  return actions;
}
