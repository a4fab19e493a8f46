import type { ValueOrigin } from '@provisioning/config';
import type { Style } from '../../../cli/style';

export interface ConfigShowResult {
  workspace: string | null;
  infra: string | null;
  settings: Record<string, Record<string, unknown>>;
  /** Present with --origin: `section.key` -> layer and place. */
  origins?: Record<string, ValueOrigin>;
  taskservs: Record<string, { values: Record<string, unknown>; origins?: Record<string, ValueOrigin> }>;
}

function flatten(value: unknown, prefix: string, out: [string, unknown][]): [string, unknown][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.push([prefix, value]);
  }
  return out;
}

function renderLines(
  values: unknown,
  origins: Record<string, ValueOrigin> | undefined,
  style: Style,
  prefix = '',
): string[] {
  const rows = flatten(values, '', []).map(([key, value]) => ({
    key,
    text: `${prefix}${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  }));
  if (!origins) return rows.map((row) => row.text);
  const width = Math.max(0, ...rows.map((row) => row.text.length));
  return rows.map(({ key, text }) => {
    const origin = origins[key];
    const where = origin ? `${origin.layer}${origin.source ? ` ${origin.source}` : ''}` : '';
    return `${text.padEnd(width)}  ${style.dim(`# ${where}`)}`;
  });
}

/** `section.key: value`, one per line, optionally followed by `# layer file:line:col`. */
export function renderConfigShow(result: ConfigShowResult, style: Style): string {
  const lines = renderLines(result.settings, result.origins, style);
  const taskservs = Object.entries(result.taskservs);
  if (taskservs.length > 0) {
    lines.push('', style.bold(`taskserv params (infra ${result.infra}):`));
    for (const [name, layered] of taskservs) {
      const params = renderLines(layered.values, layered.origins, style, `${name}.`);
      lines.push(...(params.length ? params : [`${name}: ${style.dim('(no params)')}`]));
    }
  }
  return `${lines.join('\n')}\n`;
}
