import { spawn } from 'node:child_process';
import { childPids, isRunning, processRef, startTicks, waitForExit } from './processes';

describe('process references', () => {
  it('recognises the current process as running', () => {
    expect(isRunning(processRef(process.pid))).toBe(true);
  });

  it('does not mistake a reused PID (another start time) for the recorded process', () => {
    const ticks = startTicks(process.pid) as number;
    expect(isRunning({ pid: process.pid, startTicks: ticks + 1 })).toBe(false);
  });

  it('sees a child process and notices when it exits', async () => {
    const child = spawn('sleep', ['5']);
    const ref = processRef(child.pid as number);
    expect(childPids(process.pid)).toContain(child.pid);
    child.kill('SIGTERM');
    expect(await waitForExit(ref, 5000)).toBe(true);
    expect(isRunning(ref)).toBe(false);
  });
});
