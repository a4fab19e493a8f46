import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { formatDiagnostic } from '../diagnostics/diagnostic';
import type { TaskservLookup } from '../params/taskserv-params';
import { validateWorkspace } from './validate-workspace';

/**
 * The bad-input corpus: each folder under __fixtures__/bad is a workspace with one kind of
 * mistake, and its expected.txt holds the exact report `provisioning validate` must print
 * (one diagnostic per line, the case's own path shown as <case>) followed by the exit status.
 */
const CORPUS = join(__dirname, '..', '..', '__fixtures__', 'bad');

const lookup: TaskservLookup = (name) =>
  name === 'redis'
    ? {
        paramsSchema: z.strictObject({
          maxmemory: z
            .string({ error: 'a size such as 256mb' })
            .regex(/^\d+[kmg]b$/, { error: 'a size such as 256mb' }),
          port: z.number({ error: 'a port number' }).int().min(1).max(65535),
        }),
        defaults: { maxmemory: '128mb', port: 6379 },
      }
    : name === 'node-exporter' ||
        name === 'containerd' ||
        name === 'app' ||
        name === 'worker' ||
        name === 'postgres' ||
        name === 'nginx'
      ? { paramsSchema: z.strictObject({}) }
      : undefined;

const cases = readdirSync(CORPUS).sort();

function reportFor(name: string): string {
  const dir = join(CORPUS, name);
  const optionsFile = join(dir, 'options.json');
  const options = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};
  const report = validateWorkspace(dir, {
    ...options,
    taskservLookup: lookup,
    env: { HOME: '/home/test', ...options.env },
  });
  return [...report.diagnostics.map(formatDiagnostic), `exit ${report.ok ? 0 : 1}`]
    .join('\n')
    .split(dir)
    .join('<case>');
}

describe('the bad-input corpus', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('%s: reports exactly the expected diagnostics', (name) => {
    const expected = readFileSync(join(CORPUS, name, 'expected.txt'), 'utf8').trimEnd();
    expect(reportFor(name)).toBe(expected);
  });
});
