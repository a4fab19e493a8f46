import { defineTaskserv, directory, file, line, type Operation, shell, template } from '@provisioning/sdk';
import { z } from 'zod';
import { type WorkloadOp, workload } from './workload';

/** `{{ name }}` placeholders as eta expressions (the engine renders templates with eta). */
const toEta = (text: string) => text.replace(/\{\{ (\w+) \}\}/g, '<%= it.$1 %>');

function toOperation(op: WorkloadOp, host: string): Operation {
  switch (op.kind) {
    case 'directory':
      return directory({ path: op.path });
    case 'file':
      return file({ path: op.path, content: op.content, mode: op.mode });
    case 'template':
      return template({
        path: op.path,
        template: toEta(op.template),
        params: { host, ...op.params },
        mode: op.mode,
      });
    case 'line':
      return line({ path: op.path, line: op.line, ...(op.regex ? { regex: op.regex } : {}) });
    case 'shell':
      return shell({ command: op.command, creates: op.creates, unless: op.unless, onlyIf: op.onlyIf });
  }
}

/**
 * The fanout workload as one task service: the same operations on every host (FANOUT_TASKS,
 * FANOUT_SHELLS). Templates name the server as the infra (and the other runners' inventory) does;
 * the host facts are not read, so a first apply needs no round trip for them.
 */
export const fanoutTaskserv = defineTaskserv({
  name: 'fanout-workload',
  version: '1.0.0',
  params: z.object({}),
  install: ({ host, infra }) => workload().map((op) => toOperation(op, infra?.server ?? host.hostname)),
});
