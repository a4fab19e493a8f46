import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliForTest } from '../../../testing/run-cli-for-test';
import { workspaceCommand } from '../command';

const init = (args: string[], cwd: string) =>
  runCliForTest(['workspace', 'init', ...args], { cwd, commands: [workspaceCommand] });

describe('provisioning workspace init', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'workspace-init-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['minimal', 'web', 'kubernetes', 'multi-env'])(
    'creates a workspace from %s that provisioning validate accepts',
    async (template) => {
      const run = await init(['shop', '--template', template], dir);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const { validateWorkspace } = await import('@provisioning/config');
      expect(validateWorkspace(join(dir, 'shop'), { env: {} }).ok).toBe(true);
      expect(readFileSync(join(dir, 'shop/provisioning.yaml'), 'utf8')).toContain('name: shop');
    },
  );

  it('defaults to the minimal template in the current directory, with --name and --infra applied', async () => {
    const run = await init(['--name', 'acme', '--infra', 'lab', '--output', 'json'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      template: 'minimal',
      name: 'acme',
      infra: 'lab',
      valid: true,
      root: dir,
    });
    expect(existsSync(join(dir, 'infra/lab/servers.yaml'))).toBe(true);
  });

  it('with -q prints only the line saying what was created, not the files', async () => {
    const run = await init(['shop', '-q'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`created workspace shop in ${join(dir, 'shop')} from template minimal\n`);
  });

  it('ends with next steps that work when pasted in the directory it was run from', async () => {
    const run = await init(['shop', '--no-color'], dir);
    expect(run.stdout).toContain(
      '\n  provisioning validate --workspace shop\n  provisioning plan --workspace shop\n',
    );
    const validate = await runCliForTest(['validate', '--workspace', 'shop'], { cwd: dir });
    expect(validate.code).toBe(0);
  });

  it('refuses to overwrite existing files, exit 1, and writes nothing', async () => {
    mkdirSync(join(dir, 'shop'));
    writeFileSync(join(dir, 'shop/provisioning.yaml'), 'mine\n');
    const run = await init(['shop'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'Refusing to overwrite existing files (nothing was written): provisioning.yaml',
    );
    expect(run.stderr).toContain('pass --force');
    expect(readdirSync(join(dir, 'shop'))).toEqual(['provisioning.yaml']);
  });

  it('overwrites with --force', async () => {
    mkdirSync(join(dir, 'shop'));
    writeFileSync(join(dir, 'shop/provisioning.yaml'), 'mine\n');
    const run = await init(['shop', '--force'], dir);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'shop/provisioning.yaml'), 'utf8')).toContain('name: shop');
  });

  it('rejects an unknown template as a usage error, naming the available ones, and creates nothing', async () => {
    const run = await init(['shop', '--template', 'nope'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown template "nope"; available: kubernetes, minimal, multi-env, web.');
    expect(existsSync(join(dir, 'shop'))).toBe(false);
  });

  it('rejects an invalid workspace name as a usage error', async () => {
    const run = await init(['Bad_Name'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Invalid workspace name');
    expect(existsSync(join(dir, 'Bad_Name'))).toBe(false);
  });
});
