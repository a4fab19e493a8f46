import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { generateSigningKeyPair } from '@provisioning/extensions';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError } from '../../../cli/errors';

export async function run(ctx: CommandContext): Promise<number> {
  const file = resolve(ctx.cwd, ctx.options.out as string);
  for (const path of [file, `${file}.pub`])
    if (existsSync(path))
      throw new CliError(
        `${path} exists; a key is never overwritten`,
        'choose another --out, or move the old key away first',
      );
  const pair = generateSigningKeyPair();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  writeFileSync(`${file}.pub`, `${pair.publicKey}\n`, { mode: 0o644, flag: 'wx' });
  ctx.out.result(
    { privateKey: file, publicKeyFile: `${file}.pub`, publicKey: pair.publicKey, keyId: pair.keyId },
    (r) =>
      `private key ${r.privateKey} (keep it secret)\npublic key  ${r.publicKeyFile}, id ${r.keyId}\n\nIn provisioning.yaml:\nregistries:\n  - name: team\n    url: https://registry.example.com/\n    public_key: ${r.publicKey}\n`,
  );
  return 0;
}
