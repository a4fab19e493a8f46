import { z } from 'zod';
import { formatDiagnostic } from '../diagnostics/diagnostic';
import { parseYamlSource } from '../yaml/read-yaml-file';
import { validateWithSchema } from './zod-diagnostics';

function messagesFor(schema: z.ZodType, yaml: string): string[] {
  const read = parseYamlSource(yaml, '/x.yaml', 'x.yaml');
  if (!read.ok) throw new Error('test input must be valid YAML');
  const checked = validateWithSchema(schema, read.parsed.data, { parsed: read.parsed });
  return checked.ok ? [] : checked.diagnostics.map(formatDiagnostic);
}

describe('validateWithSchema messages', () => {
  it('keeps an extension author\'s rule as written ("must be ...") and adds what was found', () => {
    const schema = z.strictObject({ maxmemory: z.string().regex(/^\d+mb$/, 'must be a size such as 512mb') });
    expect(messagesFor(schema, 'maxmemory: lots\n')).toEqual([
      'x.yaml:1:12 error maxmemory: must be a size such as 512mb, got "lots"',
    ]);
  });

  it('turns zod\'s default messages into "expected ..., got ..."', () => {
    const schema = z.strictObject({
      code: z.string().regex(/^[A-Z]+$/),
      name: z.string().min(3),
      tags: z.array(z.string()).max(1),
      mode: z.enum(['a', 'b']),
    });
    expect(messagesFor(schema, 'code: abc\nname: ab\ntags: [x, y]\nmode: c\n')).toEqual([
      'x.yaml:1:7 error code: expected a string matching /^[A-Z]+$/, got "abc"',
      'x.yaml:2:7 error name: expected at least 3 characters, got "ab"',
      'x.yaml:3:7 error tags: expected a list with at most 1 items, got a list',
      'x.yaml:4:7 error mode: expected one of "a", "b", got "c"',
    ]);
  });

  it('points an unknown key at the key itself and a missing key at its parent', () => {
    const schema = z.strictObject({ server: z.strictObject({ name: z.string(), port: z.number() }) });
    expect(messagesFor(schema, 'server:\n  prot: 22\n')).toEqual([
      'x.yaml:2:3 error server.name: required, but missing; expected a string',
      'x.yaml:2:3 error server.port: required, but missing; expected a number',
      'x.yaml:2:3 error server.prot: unknown key "prot"; did you mean "port"?',
    ]);
  });
});
