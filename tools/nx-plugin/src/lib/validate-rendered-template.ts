import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic, validateWorkspace } from '@provisioning/config';
import {
  parseTemplateManifest,
  renderWorkspace,
  StagedDiskTree,
  type WorkspaceTemplateSource,
} from '@provisioning/extensions';

export interface RenderedTemplateCheck {
  infra: string;
  ok: boolean;
  /** Problems found by libs/config (what `provisioning validate` reports), one per line. */
  problems: string[];
}

/**
 * Renders the template into a temporary folder once per infra it accepts and validates each result
 * with libs/config, the validation `provisioning validate` runs. Warnings (unknown taskservs, whose
 * extensions are not installed here) do not fail the check.
 */
export function validateRenderedTemplate(source: WorkspaceTemplateSource): RenderedTemplateCheck[] {
  const parsed = parseTemplateManifest(source.templateYaml);
  if (!parsed.ok)
    return [{ infra: '-', ok: false, problems: parsed.problems.map((p) => `${p.path}: ${p.message}`) }];
  const infras = parsed.value.infra.choices ?? [parsed.value.infra.default];
  return infras.map((infra) => {
    const dir = mkdtempSync(join(tmpdir(), `template-${parsed.value.name}-`));
    try {
      const tree = new StagedDiskTree(dir);
      const rendered = renderWorkspace(tree, source, { directory: '.', name: 'example-workspace', infra });
      if (!rendered.ok) return { infra, ok: false, problems: [rendered.error] };
      tree.flush();
      const report = validateWorkspace(dir, { env: {} });
      const errors = report.diagnostics.filter((d) => d.severity === 'error');
      return {
        infra,
        ok: report.ok,
        problems: errors.map((d) => formatDiagnostic(d).replaceAll(dir, '<workspace>')),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
