import { run } from './run';
import { conflictingRoutes, type RouteEntry, type Subnet } from './subnet';

export async function routesOnMachine(): Promise<RouteEntry[]> {
  const { stdout } = await run('ip', ['-j', '-4', 'route', 'show', 'table', 'all']);
  return (JSON.parse(stdout) as { dst: string; dev?: string }[]).map(({ dst, dev }) => ({ dst, dev }));
}

export async function linkExists(name: string): Promise<boolean> {
  const { stdout } = await run('ip', ['-j', 'link', 'show']);
  return (JSON.parse(stdout) as { ifname: string }[]).some((link) => link.ifname === name);
}

/** Refuses a subnet that something on this machine already routes, so testbed traffic never leaves it. */
export async function assertSubnetFree(subnet: Subnet, bridge: string): Promise<void> {
  const conflicts = conflictingRoutes(subnet, await routesOnMachine(), bridge);
  if (conflicts.length > 0) {
    const list = conflicts.map((route) => `${route.dst}${route.dev ? ` dev ${route.dev}` : ''}`).join(', ');
    throw new Error(
      `testbed subnet ${subnet.cidr} is already routed on this machine (${list}); pick another with TESTBED_SUBNET`,
    );
  }
}

export async function createBridge(name: string, address: string): Promise<void> {
  await run('ip', ['link', 'add', 'name', name, 'type', 'bridge']);
  await run('ip', ['addr', 'add', `${address}/24`, 'dev', name]);
  await run('ip', ['link', 'set', name, 'up']);
}

export async function deleteBridge(name: string): Promise<void> {
  if (await linkExists(name)) await run('ip', ['link', 'delete', name, 'type', 'bridge']);
}
