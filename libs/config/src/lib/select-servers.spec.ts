import type { Server } from './workspace/model';
import { selectServers } from './select-servers';

const server = (name: string, labels: Record<string, string>): Server => ({
  name,
  provider: 'static',
  address: `${name}.example.com`,
  labels,
  source: { file: 'infra/prod/servers.yaml', line: 1, col: 1 },
});
const infra = {
  servers: [
    server('web-1', { role: 'web', env: 'prod' }),
    server('web-2', { role: 'web', env: 'staging' }),
    server('db-1', { role: 'db', env: 'prod' }),
  ],
};

describe('selectServers', () => {
  it('selects by name', () => {
    expect(selectServers(infra, { servers: ['db-1'] }).map((s) => s.name)).toEqual(['db-1']);
  });

  it('selects servers whose labels all match', () => {
    expect(selectServers(infra, { selector: { role: 'web', env: 'prod' } }).map((s) => s.name)).toEqual([
      'web-1',
    ]);
  });

  it('unions names and selector in infra order without duplicates', () => {
    expect(
      selectServers(infra, { servers: ['db-1', 'web-1'], selector: { role: 'web' } }).map((s) => s.name),
    ).toEqual(['web-1', 'web-2', 'db-1']);
  });

  it('selects nothing for an empty selector rather than every server', () => {
    expect(selectServers(infra, { selector: {} })).toEqual([]);
  });
});
