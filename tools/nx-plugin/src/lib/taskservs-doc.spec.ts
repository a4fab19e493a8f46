import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExtensionManifests } from './find-extension-manifests';
import { renderTaskservsDoc, TASKSERVS_DOC_COMMAND, TASKSERVS_DOC_PATH } from './taskservs-doc';

const repoRoot = join(__dirname, '../../../..');

const manifest = (name: string, params: object) =>
  JSON.stringify({
    name,
    kind: 'taskserv',
    version: '1.0.0',
    description: `The ${name} | service.`,
    core: '^0.1.0',
    dependencies: { base: '^0.1.0' },
    params,
  });

describe('renderTaskservsDoc', () => {
  it('lists task services by name with a row per param, nested fields as parent.field and list[].field', () => {
    const params = {
      type: 'object',
      properties: {
        mode: { type: 'string', enum: ['http', 'tcp'], default: 'http', description: 'Mode.' },
        roles: {
          type: 'array',
          description: 'Roles.',
          items: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string', description: 'Name.' } },
          },
        },
        limits: { type: 'object', properties: { max: { type: 'integer', default: 3 } } },
      },
    };
    const doc = renderTaskservsDoc([
      { path: 'extensions/taskservs/zeta/manifest.yaml', text: manifest('zeta', params) },
      {
        path: 'extensions/taskservs/alpha/manifest.yaml',
        text: manifest('alpha', { type: 'object', properties: {} }),
      },
      { path: 'extensions/providers/p/manifest.yaml', text: JSON.stringify({ name: 'p', kind: 'provider' }) },
    ]);
    expect(doc.indexOf('## alpha')).toBeLessThan(doc.indexOf('## zeta'));
    expect(doc).not.toContain('## p');
    expect(doc).toContain('| [zeta](#zeta) | 1.0.0 | The zeta \\| service. |');
    expect(doc).toContain('depends on base `^0.1.0`');
    expect(doc).toContain('| `mode` | `http` \\| `tcp` | `"http"` | Mode. |');
    expect(doc).toContain('| `roles` | object[] |  | Roles. |');
    expect(doc).toContain('| `roles[].name` | string | *required* | Name. |');
    expect(doc).toContain('| `limits.max` | integer | `3` |  |');
    expect(doc).toContain('## alpha\n\nThe alpha | service.\n\nVersion 1.0.0');
    expect(doc).toContain('No params.');
  });
});

describe(TASKSERVS_DOC_PATH, () => {
  it('matches the manifests (regenerate it when a taskserv or its params change)', () => {
    const expected = renderTaskservsDoc(
      findExtensionManifests(repoRoot).filter((m) => m.path.startsWith('extensions/taskservs/')),
    );
    const actual = readFileSync(join(repoRoot, TASKSERVS_DOC_PATH), 'utf8');
    if (actual !== expected)
      throw new Error(`${TASKSERVS_DOC_PATH} is stale; run \`${TASKSERVS_DOC_COMMAND}\``);
    expect(actual).toBe(expected);
  });
});
