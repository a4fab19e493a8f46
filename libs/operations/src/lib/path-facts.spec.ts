import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { hashPrelude, parsePathFacts, pathFactsScript, pathsPrelude, statPrelude } from './path-facts';
import { composeFactsScript, newMarker, parseSections } from './sections';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'path-facts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Every path's facts, read by one facts script as a plan reads them (inline sections), with or
 * without the batched stat; `before[i]` runs just before section i (the host changing meanwhile).
 */
function readAll(
  paths: string[],
  batched: boolean,
  before: string[] = [],
  options: Parameters<typeof pathFactsScript>[1] = { content: true },
): ReturnType<typeof parsePathFacts>[] {
  const marker = newMarker();
  const sections = paths.map((path, index) => ({
    script: `${before[index] ?? ''}\n${pathFactsScript(path, options)}`,
    inline: true,
  }));
  const script = composeFactsScript(marker, sections, batched ? pathsPrelude(paths) : '');
  const output = execFileSync('/bin/sh', ['-s'], { input: script, encoding: 'utf8' });
  return [...parseSections(output, marker).values()].map((section) => parsePathFacts(section.text));
}

describe('path facts', () => {
  it('reads the same facts from one batched stat as from a stat per path', () => {
    writeFileSync(join(dir, 'a file'), 'hello\n');
    chmodSync(join(dir, 'a file'), 0o640);
    mkdirSync(join(dir, 'sub'));
    symlinkSync('/nowhere', join(dir, 'link'));
    // A duplicate path is stat'ed twice by the batch, and each of its sections takes one line.
    const paths = [
      join(dir, 'a file'),
      join(dir, 'missing'),
      join(dir, 'sub'),
      join(dir, 'link'),
      join(dir, 'a file'),
    ];
    const batched = readAll(paths, true);
    expect(batched).toEqual(readAll(paths, false));
    expect(batched.map((facts) => [facts.type, facts.mode])).toEqual([
      ['file', '0640'],
      ['none', undefined],
      ['directory', '0755'],
      ['link', '0777'],
      ['file', '0640'],
    ]);
    expect(batched[0]).toMatchObject({ content: 'hello\n', size: 6 });
  });

  it("never takes another path's stat line: one that vanished after the batch, one made after it, a name ending in another path", () => {
    const tricky = join(dir, `x ${join(dir, 'b')}`);
    mkdirSync(dirname(tricky), { recursive: true });
    writeFileSync(tricky, 'tricky\n');
    chmodSync(tricky, 0o600);
    writeFileSync(join(dir, 'b'), 'b\n');
    const late = join(dir, 'late');
    // The batch stats `tricky`; it is removed before its section, so its line ("... x <dir>/b") is
    // still first when `late` and then `<dir>/b` ask: neither may take it.
    const facts = readAll([tricky, late, join(dir, 'b')], true, [
      `rm -f -- '${tricky}'`,
      `printf 'late\\n' > '${late}'; chmod 0604 '${late}'`,
    ]);
    expect(facts.map((fact) => [fact.type, fact.mode, fact.size])).toEqual([
      ['none', undefined, undefined],
      ['file', '0604', 5],
      ['file', '0644', 2],
    ]);
  });

  it("reads the same hashes from one batched sha256sum as per path, never another path's: escaped names, a name holding another path", () => {
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    // The name holding another path comes first: its line is the first that ends in that path.
    const paths = [
      join(dir, `x  ${join(dir, 'b')}`),
      join(dir, 'b'),
      join(dir, 'new\nline'),
      join(dir, 'back\\slash'),
      join(dir, 'glob*[a]?'),
      join(dir, 'missing'),
      join(dir, 'sub'),
    ];
    mkdirSync(dirname(paths[0]), { recursive: true });
    mkdirSync(join(dir, 'sub'));
    paths.slice(0, 5).forEach((path, index) => writeFileSync(path, `content ${index}\n`));
    for (const options of [{ content: false }, { content: true, unlessSha256: sha('content 0\n') }]) {
      const batched = readAll(paths, true, [], options);
      expect(batched).toEqual(readAll(paths, false, [], options));
      expect(batched.map((facts) => facts.sha256)).toEqual([
        ...[0, 1, 2, 3, 4].map((index) => sha(`content ${index}\n`)),
        undefined,
        undefined,
      ]);
    }
  });

  it("brings a file's content back only when it is not the content asked for", () => {
    writeFileSync(join(dir, 'same'), 'wanted\n');
    writeFileSync(join(dir, 'other'), 'edited\n');
    const wanted = createHash('sha256').update('wanted\n').digest('hex');
    const [same, other] = readAll([join(dir, 'same'), join(dir, 'other')], true, [], {
      content: true,
      unlessSha256: wanted,
    });
    expect(same).toMatchObject({ type: 'file', sha256: wanted });
    expect(same.content).toBeUndefined();
    expect(other).toMatchObject({ type: 'file', content: 'edited\n' });
  });

  it('stats per path when the paths would not fit one command line comfortably (over 100 KB)', () => {
    expect(statPrelude(Array.from({ length: 2000 }, (_, n) => `/srv/${'d'.repeat(60)}/${n}`))).toBe('');
    expect(statPrelude(['/a', '/b'])).toContain("stat -c '%U %G %a %s %n' -- /a /b");
    expect(hashPrelude(Array.from({ length: 2000 }, (_, n) => `/srv/${'d'.repeat(60)}/${n}`))).toBe('');
    expect(hashPrelude(['/a', '/b', '/a'])).toContain('sha256sum -- /a /b 2>/dev/null');
  });
});
