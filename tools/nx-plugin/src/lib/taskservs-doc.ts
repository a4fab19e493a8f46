import { parse } from 'yaml';

/** Where the generated reference of every task service lives. */
export const TASKSERVS_DOC_PATH = 'docs/taskservs.md';
export const TASKSERVS_DOC_COMMAND = 'npx nx g @provisioning/nx-plugin:taskservs-doc';

type JsonSchema = {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  required?: string[];
  additionalProperties?: unknown;
};

interface Row {
  name: string;
  type: string;
  default: string;
  description: string;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((value) => `\`${String(value)}\``).join(' | ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' or ');
  if (schema.type === 'array') return `${schema.items ? typeOf(schema.items) : 'any'}[]`;
  if (schema.type === 'object' && !schema.properties && schema.additionalProperties) return 'map';
  return Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'any');
}

/** Short defaults inline; a long one (a list of rules) by its size, its value is in manifest.yaml. */
function defaultText(value: unknown): string {
  const json = JSON.stringify(value);
  if (json.length <= 60) return `\`${json}\``;
  return Array.isArray(value) ? `${value.length} items (see manifest.yaml)` : 'see manifest.yaml';
}

/** One row per param; the fields of objects (and of objects in lists) follow as `parent.field` / `parent[].field`. */
function rows(properties: Record<string, JsonSchema>, required: readonly string[], prefix = ''): Row[] {
  return Object.entries(properties).flatMap(([key, schema]) => {
    const name = `${prefix}${key}`;
    const own: Row = {
      name,
      type: typeOf(schema),
      default:
        schema.default === undefined
          ? required.includes(key)
            ? '*required*'
            : ''
          : defaultText(schema.default),
      description: schema.description ?? '',
    };
    const nested = schema.properties
      ? rows(schema.properties, schema.required ?? [], `${name}.`)
      : schema.items?.properties
        ? rows(schema.items.properties, schema.items.required ?? [], `${name}[].`)
        : [];
    return [own, ...nested];
  });
}

/** docs/taskservs.md from the task services' manifest.yaml files (each a `{ path, text }`). */
export function renderTaskservsDoc(manifests: ReadonlyArray<{ path: string; text: string }>): string {
  const taskservs = manifests
    .map(({ path, text }) => ({ path, manifest: parse(text) as Record<string, unknown> }))
    .filter(({ manifest }) => manifest['kind'] === 'taskserv')
    .sort((a, b) => String(a.manifest['name']).localeCompare(String(b.manifest['name'])));
  const lines = [
    '# Task services',
    '',
    `<!-- Generated from extensions/taskservs/*/manifest.yaml by \`${TASKSERVS_DOC_COMMAND}\`; do not edit. A test fails when it is stale. -->`,
    '',
    'Every built-in task service with its params (the JSON Schema of its manifest.yaml). Write secrets as',
    '`"{{secret.NAME}}"`; each folder’s README says what it does on the host and how it is tested.',
    '',
    '| task service | version | what it does |',
    '| --- | --- | --- |',
    ...taskservs.map(
      ({ manifest }) =>
        `| [${String(manifest['name'])}](#${String(manifest['name'])}) | ${String(manifest['version'])} | ${cell(String(manifest['description'] ?? ''))} |`,
    ),
  ];
  for (const { path, manifest } of taskservs) {
    const params = (manifest['params'] ?? {}) as JsonSchema;
    const dependencies = Object.entries((manifest['dependencies'] ?? {}) as Record<string, string>);
    lines.push(
      '',
      `## ${String(manifest['name'])}`,
      '',
      `${String(manifest['description'] ?? '')}`,
      '',
      `Version ${String(manifest['version'])}, core \`${String(manifest['core'])}\`${dependencies.length ? `, depends on ${dependencies.map(([name, range]) => `${name} \`${range}\``).join(', ')}` : ''}. Source: \`${path.replace(/\/manifest\.yaml$/, '/')}\`.`,
      '',
    );
    const table = rows(params.properties ?? {}, params.required ?? []);
    if (!table.length) {
      lines.push('No params.');
      continue;
    }
    lines.push('| param | type | default | description |', '| --- | --- | --- | --- |');
    lines.push(
      ...table.map(
        (row) => `| \`${row.name}\` | ${cell(row.type)} | ${cell(row.default)} | ${cell(row.description)} |`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
