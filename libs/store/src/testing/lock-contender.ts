/**
 * A separate process contending for the apply lock, driven by the store's tests:
 *   node -r @swc-node/register lock-contender.ts <db> <infra> <hold|crash>
 * Prints one JSON line with the outcome. "hold" keeps the lock until stdin closes, then releases
 * it; "crash" exits at once without releasing (a dead holder).
 */
import { SqliteStateStore } from '../lib/sqlite/sqlite-state-store';

async function main(): Promise<void> {
  const [dbPath, infra, mode] = process.argv.slice(2);
  const store = SqliteStateStore.open(dbPath);
  try {
    const lock = await store.acquireLock(infra, { command: `contender ${process.pid}` });
    process.stdout.write(`${JSON.stringify({ acquired: true, lockId: lock.id, pid: process.pid })}\n`);
    if (mode === 'crash') process.exit(0);
    process.stdin.resume();
    await new Promise((resolve) => process.stdin.on('end', resolve));
    await store.releaseLock(lock.id);
  } catch (error) {
    process.stdout.write(
      `${JSON.stringify({ acquired: false, error: (error as Error).name, message: (error as Error).message })}\n`,
    );
    process.stdin.resume();
    await new Promise((resolve) => process.stdin.on('end', resolve));
  }
  await store.close();
}

void main();
