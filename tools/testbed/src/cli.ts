// The testbed command line: node -r @swc-node/register tools/testbed/src/cli.ts up|down|status|inventory
import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { down } from './lib/down';
import { ensureTestbed, testbedAvailability } from './lib/ensure';
import { INVENTORY_YAML, readInventory } from './lib/inventory';
import { testbedSettings } from './lib/settings';
import { formatStatus, status } from './lib/status';
import { TestbedUnavailableError, up } from './lib/up';

const log = (line: string): void => console.error(`testbed: ${line}`);

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive integer');
  return parsed;
}

const program = new Command('testbed').description(
  'Debian test hosts in systemd-nspawn containers (see docs/testbed.md)',
);

program
  .command('up')
  .description('boot hosts 1..N (keeps hosts already up) and print the inventory')
  .option('--hosts <n>', 'number of hosts', positiveInteger, 3)
  .action(async (options: { hosts: number }) => {
    const settings = testbedSettings();
    const result = await up(settings, options.hosts, log);
    log(
      `${result.inventory.hosts.length} host(s) up in ${result.seconds.toFixed(1)} s (booted now: ${result.started.join(' ') || 'none'})`,
    );
    log(
      `inventory: ${join(settings.stateDir, 'inventory.json')} and ${join(settings.stateDir, INVENTORY_YAML)}`,
    );
    console.log(JSON.stringify(result.inventory, null, 2));
    console.log(readFileSync(join(settings.stateDir, INVENTORY_YAML), 'utf8'));
  });

program
  .command('down')
  .description('remove everything up created (containers, overlays, cgroups, bridge, artifact server)')
  .action(async () => {
    const result = await down(testbedSettings(), log);
    log(result.wasUp ? `down in ${result.seconds.toFixed(1)} s` : 'was not up; nothing to do');
  });

program
  .command('status')
  .description('show hosts and health; exit code 0 when up and healthy, 3 otherwise')
  .action(async () => {
    const settings = testbedSettings();
    const result = await status(settings);
    console.log(formatStatus(settings, result));
    process.exitCode = result.up && result.healthy ? 0 : 3;
  });

program
  .command('availability')
  .description('print whether this machine can run the testbed and what is missing, as JSON')
  .action(() => {
    console.log(JSON.stringify(testbedAvailability(testbedSettings())));
  });

program
  .command('ensure')
  .description(
    'reuse a healthy testbed with at least N hosts, or boot one; prints {startedByUs, seconds, inventory} as JSON',
  )
  .option('--hosts <n>', 'number of hosts', positiveInteger, 3)
  .action(async (options: { hosts: number }) => {
    const result = await ensureTestbed({ hosts: options.hosts, log });
    console.log(JSON.stringify(result));
  });

program
  .command('inventory')
  .description('print the inventory of the running testbed')
  .option('--yaml', 'print the YAML servers list instead of JSON')
  .action((options: { yaml?: boolean }) => {
    const settings = testbedSettings();
    const inventory = readInventory(settings.stateDir);
    console.log(
      options.yaml
        ? readFileSync(join(settings.stateDir, INVENTORY_YAML), 'utf8')
        : JSON.stringify(inventory, null, 2),
    );
  });

program.parseAsync(process.argv).catch((error: Error) => {
  console.error(
    error instanceof TestbedUnavailableError
      ? `testbed: ${error.message}`
      : `testbed: error: ${error.message}`,
  );
  process.exitCode = error instanceof TestbedUnavailableError ? 4 : 1;
});
