import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CreateNodesContext } from '@nx/devkit';
import { EMBEDDED_TEMPLATES_PATH } from '@provisioning/extensions';
import { createNodes } from './create-nodes';
import { EMBEDDED_TEMPLATES_INPUT } from './template-project';

describe('createNodes', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const context = (): CreateNodesContext => ({ workspaceRoot: root, nxJsonConfiguration: {} });
  const infer = async (files: string[]) =>
    Object.fromEntries(await createNodes[1](files, undefined, context()));

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'create-nodes-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('matches extension manifests and template manifests', () => {
    expect(createNodes[0]).toBe('{extensions/**/manifest.yaml,templates/*/template.yaml}');
  });

  it('names an extension project by kind and name, tags it, and gives it cached targets', async () => {
    write('extensions/providers/hetzner/manifest.yaml', 'name: hetzner\nkind: provider\n');
    write('extensions/providers/hetzner/jest.config.js', '');
    const result = await infer(['extensions/providers/hetzner/manifest.yaml']);
    const project =
      result['extensions/providers/hetzner/manifest.yaml'].projects?.['extensions/providers/hetzner'];
    expect(project?.name).toBe('provider-hetzner');
    expect(project?.tags).toEqual(['layer:extension', 'kind:provider']);
    expect(Object.keys(project?.targets ?? {}).sort()).toEqual([
      'build',
      'package',
      'publish',
      'test',
      'typecheck',
      'validate',
    ]);
    expect(project?.targets?.validate).toMatchObject({
      cache: true,
      inputs: ['{projectRoot}/manifest.yaml', '^production'],
    });
    expect(project?.targets?.package).toMatchObject({
      dependsOn: ['build', 'validate'],
      outputs: ['{workspaceRoot}/dist/packages/provider-hetzner'],
    });
    expect(project?.targets?.publish).toMatchObject({ dependsOn: ['package'], cache: false });
  });

  it('keeps a project for a manifest it cannot parse, named from its folder, so validate can report it', async () => {
    write('extensions/taskservs/broken/manifest.yaml', 'name: [unclosed\n');
    const result = await infer(['extensions/taskservs/broken/manifest.yaml']);
    expect(
      result['extensions/taskservs/broken/manifest.yaml'].projects?.['extensions/taskservs/broken']?.name,
    ).toBe('taskserv-broken');
  });

  it('makes a template project tagged layer:template with validate and package', async () => {
    write('templates/web/template.yaml', 'name: web\nversion: 0.1.0\ndescription: Web.\n');
    const result = await infer(['templates/web/template.yaml']);
    const project = result['templates/web/template.yaml'].projects?.['templates/web'];
    expect(project).toMatchObject({ name: 'template-web', tags: ['layer:template'] });
    expect(Object.keys(project?.targets ?? {}).sort()).toEqual(['package', 'validate']);
  });
});

describe('template project inputs', () => {
  it('name the embedded templates module libs/extensions writes', () => {
    expect(EMBEDDED_TEMPLATES_INPUT).toBe(EMBEDDED_TEMPLATES_PATH);
  });
});
