import { run } from './run';

export async function linkExists(name: string): Promise<boolean> {
  const { stdout } = await run('ip', ['-j', 'link', 'show']);
  return (JSON.parse(stdout) as { ifname: string }[]).some((link) => link.ifname === name);
}

/** Names of the host-side veth ends nspawn made (`vb-<machine>`), to prove none is left behind. */
export async function vethsOf(machine: string): Promise<string[]> {
  const { stdout } = await run('ip', ['-j', 'link', 'show']);
  const name = `vb-${machine}`.slice(0, 15);
  return (JSON.parse(stdout) as { ifname: string }[])
    .map((link) => link.ifname)
    .filter((ifname) => ifname === name);
}

async function routedElsewhere(subnet: string, bridge: string): Promise<string[]> {
  const { stdout } = await run('ip', ['-j', '-4', 'route', 'show', 'table', 'all']);
  return (JSON.parse(stdout) as { dst: string; dev?: string }[])
    .filter((route) => route.dst === subnet && route.dev !== bridge)
    .map((route) => `${route.dst}${route.dev ? ` dev ${route.dev}` : ''}`);
}

/** Creates the bridge with the gateway address unless it exists (then false); refuses a subnet something else routes. */
export async function ensureBridge(name: string, gateway: string, subnet: string): Promise<boolean> {
  if (await linkExists(name)) return false;
  const conflicts = await routedElsewhere(subnet, name);
  if (conflicts.length > 0) {
    throw new Error(
      `subnet ${subnet} is already routed on this machine (${conflicts.join(', ')}); choose another provider_options.subnet`,
    );
  }
  await run('ip', ['link', 'add', 'name', name, 'type', 'bridge']);
  await run('ip', ['addr', 'add', `${gateway}/24`, 'dev', name]);
  await run('ip', ['link', 'set', name, 'up']);
  return true;
}

export async function deleteBridge(name: string): Promise<void> {
  if (await linkExists(name)) await run('ip', ['link', 'delete', name, 'type', 'bridge']);
}
