import { validateWorkspace } from '@provisioning/config';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const examples = join(__dirname, '../../../examples');

describe('examples/ (the README points new users at them)', () => {
  it.each(readdirSync(examples))('%s is a valid workspace with no errors', (name) => {
    const report = validateWorkspace(join(examples, name), { env: {} });
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
