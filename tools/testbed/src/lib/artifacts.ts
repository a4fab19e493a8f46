import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { processRef } from './processes';
import type { ProcessRef } from './state';

export const ARTIFACT_PORT = 8080;

function portAnswers(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Starts the artifact server detached (it outlives `up`), bound to the bridge address only. */
export async function startArtifactServer(dir: string, address: string, logDir: string): Promise<ProcessRef> {
  const log = openSync(join(logDir, 'artifact-server.log'), 'a');
  const main = join(__dirname, '..', 'artifact-server', 'main.ts');
  const child = spawn(
    process.execPath,
    ['-r', require.resolve('@swc-node/register'), main, dir, address, String(ARTIFACT_PORT)],
    {
      detached: true,
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  if (child.pid === undefined) throw new Error('could not start the artifact server (node did not spawn)');
  child.unref();
  const ref = processRef(child.pid);
  const deadline = Date.now() + 30_000;
  while (!(await portAnswers(address, ARTIFACT_PORT))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(
        `the artifact server did not listen on ${address}:${ARTIFACT_PORT}; see ${join(logDir, 'artifact-server.log')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return ref;
}
