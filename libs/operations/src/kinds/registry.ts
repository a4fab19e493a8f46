import type { Operation } from '@provisioning/sdk';
import type { OperationHandler } from '../lib/handler';
import { absentHandler } from './absent';
import { directoryHandler } from './directory';
import { downloadHandler } from './download';
import { fileHandler } from './file';
import { groupHandler } from './group';
import { lineHandler } from './line';
import { linkHandler } from './link';
import { packageHandler } from './package';
import { serviceHandler } from './service';
import { shellHandler } from './shell';
import { userHandler } from './user';

/** Kinds that are planned against a host; `template` becomes `file`, and `taskserv` is expanded first. */
export type PlannableOperation = Exclude<Operation, { kind: 'template' | 'taskserv' }>;

const handlers = {
  file: fileHandler,
  line: lineHandler,
  directory: directoryHandler,
  link: linkHandler,
  absent: absentHandler,
  user: userHandler,
  group: groupHandler,
  package: packageHandler,
  service: serviceHandler,
  download: downloadHandler,
  shell: shellHandler,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler has its own facts type
} satisfies {
  [K in PlannableOperation['kind']]: OperationHandler<Extract<PlannableOperation, { kind: K }>, any>;
};

export function handlerFor(op: PlannableOperation): OperationHandler<PlannableOperation, unknown> {
  return handlers[op.kind] as unknown as OperationHandler<PlannableOperation, unknown>;
}
