import { quote } from '@provisioning/sdk';
import type { ToolCatalog } from './catalog';
import { type ToolLayout, toolPaths } from './layout';

export interface InstalledTool {
  name: string;
  /** The version the link on PATH points to; null when the link is missing or points elsewhere. */
  active: string | null;
  /** Versions present in the tool's directory. */
  versions: string[];
  /** Where the PATH entry points when it is not one of ours (a distribution package, a manual copy). */
  foreignLink?: string;
}

/** One script listing every catalog tool's versions and link target (one round trip per host). */
export function installedToolsScript(catalog: ToolCatalog, layout: ToolLayout): string {
  return Object.entries(catalog.tools)
    .map(([name, entry]) => {
      const { toolDir, link } = toolPaths(layout, name, entry.binary ?? name, '');
      return `printf 'tool=%s\\t%s\\t%s\\n' ${quote(name)} "$(readlink ${quote(link)} 2>/dev/null)" "$(ls -1 ${quote(toolDir)} 2>/dev/null | grep -v '^\\.' | tr '\\n' ' ')"`;
    })
    .join('\n');
}

export function parseInstalledTools(text: string, catalog: ToolCatalog, layout: ToolLayout): InstalledTool[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('tool='))
    .map((line) => {
      const [name, target, list] = line.slice(5).split('\t');
      const versions = (list ?? '').split(' ').filter(Boolean);
      const prefix = toolPaths(layout, name, '', '').toolDir + '/';
      const binary = catalog.tools[name]?.binary ?? name;
      const ours =
        target?.startsWith(prefix) && target.endsWith(`/${binary}`)
          ? target.slice(prefix.length, -binary.length - 1)
          : null;
      return { name, active: ours, versions, ...(target && !ours ? { foreignLink: target } : {}) };
    })
    .filter((tool) => tool.versions.length > 0 || tool.active || tool.foreignLink);
}
