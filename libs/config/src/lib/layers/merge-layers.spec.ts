import { mergeLayers, originOf } from './merge-layers';

describe('mergeLayers', () => {
  it('merges mappings key by key, later layers winning, and records each leaf origin', () => {
    const merged = mergeLayers([
      { layer: 'extension', values: { port: 6379, tls: { enabled: false, cert: '/a' } } },
      { layer: 'workspace', values: { tls: { enabled: true } }, describe: (p) => `ws:${p.join('.')}` },
    ]);
    expect(merged.values).toEqual({ port: 6379, tls: { enabled: true, cert: '/a' } });
    expect(merged.origins).toEqual({
      port: { layer: 'extension', source: undefined },
      'tls.cert': { layer: 'extension', source: undefined },
      'tls.enabled': { layer: 'workspace', source: 'ws:tls.enabled' },
    });
  });

  it('replaces lists whole instead of concatenating them', () => {
    const merged = mergeLayers([
      { layer: 'a', values: { hosts: ['x', 'y'] } },
      { layer: 'b', values: { hosts: ['z'] } },
    ]);
    expect(merged.values).toEqual({ hosts: ['z'] });
    expect(originOf(merged, ['hosts', 0])).toEqual({ layer: 'b', source: undefined });
  });

  it('drops the origins of nested keys when a higher layer replaces a mapping with a scalar', () => {
    const merged = mergeLayers([
      { layer: 'a', values: { tls: { enabled: true } } },
      { layer: 'b', values: { tls: false } },
    ]);
    expect(merged.origins).toEqual({ tls: { layer: 'b', source: undefined } });
  });
});
