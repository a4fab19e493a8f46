import semver from 'semver';
import { z } from 'zod';
import { EXTENSION_KINDS, EXTENSION_NAME_PATTERN, explainInvalidName } from './extension-name';
import { paramsSchema } from './params-schema';

const extensionName = z.string().superRefine((name, ctx) => {
  const problem = explainInvalidName(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const version = z.string().refine((value) => semver.valid(value) === value, {
  message: 'must be an exact semver version such as 1.2.3',
});

const range = z.string().refine((value) => semver.validRange(value) !== null, {
  message: 'must be a semver range such as ^0.1.0 or >=1.2 <2',
});

/** `manifest.yaml`, beside an extension's `src/index.ts` (DESIGN.md, Formats). */
export const manifestSchema = z.strictObject({
  name: extensionName,
  kind: z.enum(EXTENSION_KINDS),
  version,
  description: z.string().min(1, 'describe what the extension does in one sentence'),
  core: range,
  dependencies: z
    .record(
      z.string().regex(EXTENSION_NAME_PATTERN, 'dependency names are extension names in kebab-case'),
      range,
    )
    .default({}),
  params: paramsSchema.default({ type: 'object', properties: {} }),
});

export type ExtensionManifest = z.infer<typeof manifestSchema>;
