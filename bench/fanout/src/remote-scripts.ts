import { spawn } from 'node:child_process';
import { type FanoutInventory, sshOptions } from './inventory';

/** Runs a script (per host) through `ssh HOST sh -s` on every host at once; the harness's own work (reset, verify), never timed. */
export async function runOnAllHosts(
  inventory: FanoutInventory,
  scriptFor: (host: string) => string,
): Promise<Map<string, string>> {
  const outputs = await Promise.all(
    inventory.hosts.map(
      (host) =>
        new Promise<[string, string]>((resolve, reject) => {
          const child = spawn(
            'ssh',
            [...sshOptions(inventory), '-p', String(host.port), host.address, 'sh -s'],
            { stdio: ['pipe', 'pipe', 'pipe'] },
          );
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          child.on('error', reject);
          child.on('close', (code) =>
            code === 0
              ? resolve([host.name, stdout])
              : reject(new Error(`${host.name}: script exited ${code}: ${stderr.trim()}`)),
          );
          child.stdin.end(scriptFor(host.name));
        }),
    ),
  );
  return new Map(outputs);
}
