import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { readTemplateFromDisk } from './read-template';
import { validateRenderedTemplate } from './validate-rendered-template';

const templatesDir = join(__dirname, '../../../../templates');
const templateNames = readdirSync(templatesDir).filter((name) => !name.startsWith('.'));

describe('validateRenderedTemplate', () => {
  it.each(templateNames)(
    'the rendered %s template passes libs/config validation for every infra it offers',
    (name) => {
      const checks = validateRenderedTemplate(readTemplateFromDisk(join(templatesDir, name)));
      expect(checks.length).toBeGreaterThan(0);
      expect(checks.flatMap((check) => check.problems)).toEqual([]);
      expect(checks.every((check) => check.ok)).toBe(true);
    },
  );

  it('reports what libs/config finds wrong in a rendered workspace', () => {
    const broken = {
      templateYaml: 'name: broken\nversion: 0.1.0\ndescription: Broken.\n',
      files: {
        'provisioning.yaml': 'name: <%= it.name %>\ndefault_infra: <%= it.infra %>\n',
        'infra/__infra__/servers.yaml': 'servers:\n  - name: a\n    port: 99999\n',
      },
    };
    const [check] = validateRenderedTemplate(broken);
    expect(check.ok).toBe(false);
    expect(check.problems.join('\n')).toMatch(/servers\.yaml:3:\d+/);
  });
});
