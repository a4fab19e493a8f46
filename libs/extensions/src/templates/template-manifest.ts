import semver from 'semver';
import { z } from 'zod';
import { explainInvalidName } from '../manifest/extension-name';
import { parseYamlWithSchema } from '../manifest/parse-yaml-document';
import type { ParseResult } from '../manifest/source-problem';

const kebabName = z.string().superRefine((name, ctx) => {
  const problem = explainInvalidName(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** `templates/<name>/template.yaml`: what a workspace template is and which infra names it accepts. */
export const templateManifestSchema = z
  .strictObject({
    name: kebabName,
    version: z.string().refine((v) => semver.valid(v) === v, 'must be an exact semver version such as 0.1.0'),
    description: z.string().min(1, 'describe the workspace this template creates in one sentence'),
    infra: z
      .strictObject({
        /** The infra created when `--infra` is not given. */
        default: kebabName,
        /** When set, `--infra` must be one of these (templates whose infra folders are fixed). */
        choices: z.array(kebabName).min(1).optional(),
      })
      .default({ default: 'main' }),
  })
  .refine((m) => !m.infra.choices || m.infra.choices.includes(m.infra.default), {
    message: 'infra.default must be one of infra.choices',
    path: ['infra', 'default'],
  });

export type TemplateManifest = z.infer<typeof templateManifestSchema>;

export function parseTemplateManifest(text: string, file = 'template.yaml'): ParseResult<TemplateManifest> {
  return parseYamlWithSchema(text, file, templateManifestSchema);
}
