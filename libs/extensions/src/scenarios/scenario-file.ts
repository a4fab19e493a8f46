import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskservScenario } from '@provisioning/sdk';
import { z } from 'zod';
import { ExtensionError } from '../errors';
import { parseYamlWithSchema } from '../manifest/parse-yaml-document';
import { formatProblems, type ParseResult } from '../manifest/source-problem';

/** The file beside manifest.yaml holding an extension's scenarios (`provisioning test` runs them). */
export const SCENARIO_FILE = 'scenarios.yaml';

const check = z.strictObject({
  description: z.string().min(1),
  command: z.string().min(1),
  expect: z.string(),
  role: z.string().optional(),
});
const params = z.record(z.string(), z.unknown());

const scenarioSchema = z
  .strictObject({
    name: z.string().min(1),
    taskserv: z.string().min(1),
    description: z.string().min(1),
    hosts: z.number().int().min(1).max(16),
    roles: z
      .array(z.strictObject({ name: z.string().min(1), hosts: z.array(z.number().int().min(1)), params }))
      .optional(),
    artifacts: z
      .array(
        z.strictObject({
          path: z.string().min(1),
          source: z.string().optional(),
          build: z.string().optional(),
          description: z.string(),
        }),
      )
      .optional(),
    apply: z.strictObject({ params, secrets: z.record(z.string(), z.string()).optional() }),
    checks: z.array(check),
    change: z.strictObject({ params, role: z.string().optional(), changes: z.array(z.string()) }),
    removed: z.array(check),
  })
  .superRefine((scenario, ctx) => {
    scenario.roles?.forEach((role, r) =>
      role.hosts.forEach((host, h) => {
        if (host > scenario.hosts)
          ctx.addIssue({
            code: 'custom',
            path: ['roles', r, 'hosts', h],
            message: `host ${host} does not exist: the scenario has ${scenario.hosts} host${scenario.hosts === 1 ? '' : 's'}`,
          });
      }),
    );
  });

const scenarioFileSchema = z.strictObject({
  scenarios: z.array(scenarioSchema).min(1, 'list at least one scenario'),
}) satisfies z.ZodType<{ scenarios: TaskservScenario[] }>;

/** Parses a `scenarios.yaml`; problems are located at file:line:col. */
export function parseScenarioFile(text: string, file = SCENARIO_FILE): ParseResult<TaskservScenario[]> {
  const parsed = parseYamlWithSchema(text, file, scenarioFileSchema);
  return parsed.ok ? { ok: true, value: parsed.value.scenarios } : parsed;
}

/** The scenarios of the extension in `dir`; ExtensionError when the file is missing or wrong. */
export function readScenarioFile(dir: string): TaskservScenario[] {
  const file = join(dir, SCENARIO_FILE);
  if (!existsSync(file))
    throw new ExtensionError(
      'not-found',
      `${file} does not exist: the extension declares no scenario to test.`,
      'write one (docs/testing-extensions.md), or start from `provisioning extension new NAME`, which writes one.',
    );
  const parsed = parseScenarioFile(readFileSync(file, 'utf8'), file);
  if (!parsed.ok)
    throw new ExtensionError(
      'invalid-input',
      `${SCENARIO_FILE} is not valid:\n${formatProblems(parsed.problems)}`,
    );
  return parsed.value;
}
