import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The built orchestrator (`nx run orchestrator:build`; this project's test target builds it first). */
export const ORCHESTRATOR_BUNDLE = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'dist',
  'apps',
  'orchestrator',
  'main.js',
);

export interface OrchestratorProcess {
  url: string;
  token: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `orchestrator start` on a free loopback port and resolves once it logs where it listens. */
export async function startOrchestratorProcess(
  workspace: string,
  store: string,
): Promise<OrchestratorProcess> {
  if (!existsSync(ORCHESTRATOR_BUNDLE))
    throw new Error(`${ORCHESTRATOR_BUNDLE} is missing: run nx run orchestrator:build first`);
  const child = spawn(
    process.execPath,
    [ORCHESTRATOR_BUNDLE, 'start', '--workspace', workspace, '--listen', '127.0.0.1:0', '--store', store],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'orchestrator listening' && entry.url) resolve(entry.url);
    });
    child.once('exit', (code) => reject(new Error(`the orchestrator exited (${code}): ${stderr.join('')}`)));
  });
  const token = readFileSync(join(workspace, '.provisioning', 'orchestrator.token'), 'utf8').trim();
  return {
    url,
    token,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
