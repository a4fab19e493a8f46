import { isDeepStrictEqual } from 'node:util';
import type { WorkspaceTemplateSource } from '@provisioning/extensions';

export const EMBED_COMMAND = 'npx nx g @provisioning/nx-plugin:embed-templates';

/** Why the embedded copy of template `name` differs from `onDisk`, or undefined when it is current. */
export function explainStaleEmbedding(
  name: string,
  onDisk: WorkspaceTemplateSource,
  embedded: Readonly<Record<string, WorkspaceTemplateSource>>,
): string | undefined {
  const copy = embedded[name];
  if (!copy) return `template "${name}" is not embedded in the CLI yet; run \`${EMBED_COMMAND}\`.`;
  if (isDeepStrictEqual({ ...copy, files: { ...copy.files } }, { ...onDisk, files: { ...onDisk.files } }))
    return undefined;
  const changed = [
    ...(copy.templateYaml !== onDisk.templateYaml ? ['template.yaml'] : []),
    ...new Set(
      [...Object.keys(copy.files), ...Object.keys(onDisk.files)].filter(
        (path) => copy.files[path] !== onDisk.files[path],
      ),
    ),
  ];
  return `the CLI's embedded copy of template "${name}" differs in ${changed.join(', ')}; run \`${EMBED_COMMAND}\`.`;
}
