/** Reads the EC2 Query protocol's flattened lists: `InstanceId.1`, `Filter.1.Name`, `Filter.1.Value.2`... */
export function indices(params: URLSearchParams, prefix: string): number[] {
  const found = new Set<number>();
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)(\\.|$)`);
  for (const key of params.keys()) {
    const match = pattern.exec(key);
    if (match) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => a - b);
}

export const listOf = (params: URLSearchParams, prefix: string): string[] =>
  indices(params, prefix).map((i) => params.get(`${prefix}.${i}`) ?? '');

export function filtersOf(params: URLSearchParams): { name: string; values: string[] }[] {
  return indices(params, 'Filter').map((i) => ({
    name: params.get(`Filter.${i}.Name`) ?? '',
    values: listOf(params, `Filter.${i}.Value`),
  }));
}

export function tagsOf(params: URLSearchParams): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const spec of indices(params, 'TagSpecification')) {
    if (params.get(`TagSpecification.${spec}.ResourceType`) !== 'instance') continue;
    for (const i of indices(params, `TagSpecification.${spec}.Tag`))
      tags[params.get(`TagSpecification.${spec}.Tag.${i}.Key`) ?? ''] =
        params.get(`TagSpecification.${spec}.Tag.${i}.Value`) ?? '';
  }
  return tags;
}

/** `*` and `?` wildcards, as EC2 filters match them. */
export const wildcard = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(value);
