import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readManifestOf, readScenarioFile } from '@provisioning/extensions';
import type { TaskservScenario } from '@provisioning/sdk';
import { scenarios as builtinScenarios } from '@provisioning/builtin-extensions';
import { CliError, UsageError } from '../../cli/errors';

/** What `provisioning test TARGET` tests: its scenarios, and the extension folder to link (none for a built-in). */
export interface TestTarget {
  label: string;
  scenarios: readonly TaskservScenario[];
  /** Extension name → folder, linked into every scenario workspace so entries resolve to it. */
  links: Record<string, string>;
}

/** A folder with manifest.yaml (default: the current one), else the name of a built-in task service. */
export function resolveTestTarget(target: string | undefined, cwd: string): TestTarget {
  const path = resolve(cwd, target ?? '.');
  if (existsSync(path) && statSync(path).isDirectory()) {
    const manifest = readManifestOf(path);
    if (manifest.kind !== 'taskserv')
      throw new UsageError(
        `${path} is a ${manifest.kind} extension; provisioning test runs task service scenarios`,
        'test providers and clusters with their own specs (docs/testing-extensions.md)',
      );
    return {
      label: `${manifest.name}@${manifest.version}`,
      scenarios: readScenarioFile(path),
      links: { [manifest.name]: path },
    };
  }
  const shipped = builtinScenarios.filter((scenario) => scenario.taskserv === target);
  if (shipped.length > 0) return { label: target as string, scenarios: shipped, links: {} };
  const names = [...new Set(builtinScenarios.map((scenario) => scenario.taskserv))].sort().join(', ');
  throw new CliError(
    `${target} is neither an extension folder (with manifest.yaml) nor a built-in task service with scenarios`,
    `give the extension's folder, or one of: ${names}`,
  );
}

/** The scenarios `--scenario` picks: the one named so, else those whose name starts with it. */
export function pickScenarios(target: TestTarget, wanted: string | undefined): TaskservScenario[] {
  if (!wanted) return [...target.scenarios];
  const exact = target.scenarios.filter((scenario) => scenario.name === wanted);
  const picked =
    exact.length > 0 ? exact : target.scenarios.filter((scenario) => scenario.name.startsWith(wanted));
  if (picked.length === 0)
    throw new UsageError(
      `${target.label} has no scenario named "${wanted}"`,
      `its scenarios: ${target.scenarios.map((scenario) => `"${scenario.name}"`).join(', ')}`,
    );
  return picked;
}
