import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import runExecutor from './executor';

const workspaceRoot = join(__dirname, '../../../../..');

describe('validate-template executor', () => {
  it('passes for the committed minimal template, whose embedded copy is current', async () => {
    await expect(
      runExecutor({ template: 'templates/minimal' }, { root: workspaceRoot } as ExecutorContext),
    ).resolves.toEqual({
      success: true,
    });
  });

  describe('with a scratch template', () => {
    let root: string;
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'validate-template-'));
      write('templates/minimal/template.yaml', 'name: minimal\nversion: 0.1.0\ndescription: Changed.\n');
      write('templates/minimal/files/provisioning.yaml', 'name: <%= it.name %>\n');
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('fails when the embedded copy differs from the folder', async () => {
      await expect(
        runExecutor({ template: 'templates/minimal' }, { root } as ExecutorContext),
      ).resolves.toEqual({ success: false });
    });

    it('passes a valid template when the embedding check is off', async () => {
      await expect(
        runExecutor({ template: 'templates/minimal', checkEmbedded: false }, { root } as ExecutorContext),
      ).resolves.toEqual({ success: true });
    });

    it('fails when the rendered workspace does not validate', async () => {
      write('templates/minimal/files/infra/__infra__/servers.yaml', 'servers:\n  - name: a\n    port: 0\n');
      await expect(
        runExecutor({ template: 'templates/minimal', checkEmbedded: false }, { root } as ExecutorContext),
      ).resolves.toEqual({ success: false });
    });
  });
});
