import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { Eta } from 'eta';
import type { FileOperation, TemplateOperation } from '@provisioning/sdk';
import type { PrepareContext } from '../lib/handler';

const eta = new Eta({ autoEscape: false, autoTrim: false });

/**
 * A template is rendered on the machine running provisioning (params never travel to the host
 * except as the rendered file) and from then on is planned and applied exactly as a file.
 */
export async function renderTemplate(op: TemplateOperation, context: PrepareContext): Promise<FileOperation> {
  const source =
    op.source === undefined
      ? undefined
      : isAbsolute(op.source)
        ? op.source
        : resolve(context.baseDir, op.source);
  const text = source === undefined ? (op.template as string) : await readLocal(op.id, source);
  let content: string;
  try {
    content = eta.renderString(text, op.params);
  } catch (error) {
    throw new Error(
      `Operation "${op.id}": template ${source ?? '(inline)'} failed to render: ${(error as Error).message}`,
    );
  }
  const { template: _template, source: _source, params: _params, ...rest } = op;
  return { ...rest, kind: 'file', content };
}

export async function readLocal(operationId: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(
      `Operation "${operationId}": cannot read local file ${path}: ${(error as Error).message}`,
    );
  }
}
