import { parseManifest } from './parse-manifest';
import { formatProblems } from './source-problem';

const valid = `name: redis
kind: taskserv
version: 1.2.0
description: In-memory data store.
core: ^0.1.0
dependencies:
  base: ^0.1.0
params:
  type: object
  required: [port]
  properties:
    port:
      type: integer
      default: 6379
`;

function problemsOf(text: string) {
  const result = parseManifest(text, 'extensions/taskservs/redis/manifest.yaml');
  if (result.ok) throw new Error('expected the manifest to be rejected');
  return result.problems;
}

describe('parseManifest', () => {
  it('returns the typed manifest for a valid file', () => {
    const result = parseManifest(valid);
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        name: 'redis',
        kind: 'taskserv',
        version: '1.2.0',
        dependencies: { base: '^0.1.0' },
      }),
    });
  });

  it('defaults dependencies and params when the manifest leaves them out', () => {
    const result = parseManifest(
      'name: base\nkind: taskserv\nversion: 0.1.0\ndescription: Base.\ncore: ^0.1.0\n',
    );
    expect(result.ok && result.value).toMatchObject({
      dependencies: {},
      params: { type: 'object', properties: {} },
    });
  });

  it('locates a bad value at its key with file:line:col', () => {
    const problems = problemsOf(valid.replace('version: 1.2.0', 'version: one'));
    expect(formatProblems(problems)).toBe(
      'extensions/taskservs/redis/manifest.yaml:3:1 version: must be an exact semver version such as 1.2.3',
    );
  });

  it('rejects an unknown kind and names the allowed ones', () => {
    const [problem] = problemsOf(valid.replace('kind: taskserv', 'kind: plugin'));
    expect(problem).toMatchObject({ line: 2, col: 1, path: 'kind' });
    expect(problem.message).toMatch(/taskserv/);
  });

  it('reports a missing required key at the document start', () => {
    const [problem] = problemsOf(valid.replace('core: ^0.1.0\n', ''));
    expect(problem).toMatchObject({ path: 'core', line: 1, col: 1 });
  });

  it('rejects a params default that does not match its type, at the nested key', () => {
    const [problem] = problemsOf(valid.replace('default: 6379', 'default: "6379"'));
    expect(problem).toMatchObject({ path: 'params.properties.port.default', line: 14, col: 7 });
  });

  it('rejects a required parameter that is not declared', () => {
    const [problem] = problemsOf(valid.replace('required: [port]', 'required: [host]'));
    expect(problem.message).toBe('required "host" is not among the properties');
  });

  it('rejects params that are not an object schema', () => {
    const problems = problemsOf(valid.replace(/params:[\s\S]*$/, 'params:\n  type: string\n'));
    expect(problems.map((p) => p.message)).toContain('params must be a JSON Schema with type "object"');
  });

  it('rejects an invalid core range', () => {
    const [problem] = problemsOf(valid.replace('core: ^0.1.0', 'core: banana'));
    expect(problem).toMatchObject({ path: 'core', line: 5 });
  });

  it('rejects keys the format does not define, so typos are not silently ignored', () => {
    const [problem] = problemsOf(`${valid}dependecies: {}\n`);
    expect(problem.message).toMatch(/dependecies/);
  });

  it('reports YAML syntax errors with their position', () => {
    const [problem] = problemsOf('name: [unclosed\n');
    expect(problem.line).toBeGreaterThanOrEqual(1);
    expect(problem.file).toBe('extensions/taskservs/redis/manifest.yaml');
  });

  it('rejects a name that is not kebab-case', () => {
    const [problem] = problemsOf(valid.replace('name: redis', 'name: Redis_Server'));
    expect(problem.message).toMatch(/kebab-case/);
  });
});

describe('parseManifest params keywords', () => {
  const withParams = (params: string) =>
    `name: x\nkind: taskserv\nversion: 0.1.0\ndescription: X.\ncore: ^0.1.0\nparams:\n${params}`;

  it('accepts what z.toJSONSchema emits for ordinary params (bounds, formats, unions, nested objects)', () => {
    const params = [
      '  $schema: https://json-schema.org/draft/2020-12/schema',
      '  type: object',
      '  additionalProperties: false',
      '  required: [port]',
      '  properties:',
      '    port: { type: integer, minimum: 1, maximum: 65535, default: 6379 }',
      '    name: { type: string, minLength: 1, maxLength: 63 }',
      '    tags: { type: array, items: { type: string }, minItems: 0, uniqueItems: true }',
      '    mode: { anyOf: [{ type: string, const: auto }, { type: integer, exclusiveMinimum: 0 }] }',
      '    extra: { type: object, additionalProperties: { type: string } }',
      '',
    ].join('\n');
    const result = parseManifest(withParams(params));
    expect(result.ok).toBe(true);
  });

  it('rejects a misspelt keyword instead of ignoring it', () => {
    const result = parseManifest(withParams('  type: object\n  requried: [port]\n'));
    expect(!result.ok && result.problems[0].message).toMatch(/requried/);
  });

  it('rejects a nested schema that says nothing about its value', () => {
    const result = parseManifest(
      withParams('  type: object\n  properties:\n    port: { description: the port }\n'),
    );
    expect(!result.ok && result.problems[0]).toMatchObject({ path: 'params.properties.port.type' });
  });
});
