import { execFileSync } from 'node:child_process';
import { composeChangeScript, composeFactsScript, newMarker, parseSections, sectionEndWatcher, sectionStderr } from './sections';

const run = (script: string) => {
  try {
    return { stdout: execFileSync('/bin/sh', ['-s'], { input: script, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }), stderr: '', code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; status: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.status };
  }
};

describe('facts sections', () => {
  it('keeps each section output apart, with its exit code, even without a trailing newline', () => {
    const marker = newMarker();
    const { stdout } = run(composeFactsScript(marker, ['printf a=1', 'echo b=2; exit 4', 'true']));
    const sections = parseSections(stdout, marker);
    expect([...sections.entries()]).toEqual([
      [0, { text: 'a=1', code: 0 }],
      [1, { text: 'b=2\n', code: 4 }],
      [2, { text: '', code: 0 }],
    ]);
  });

  it('cannot be confused by output that imitates a marker with another nonce', () => {
    const marker = newMarker();
    const forged = `${newMarker()} end 0 0`;
    const { stdout } = run(composeFactsScript(marker, [`echo '${forged}'; echo real=yes`]));
    expect(parseSections(stdout, marker).get(0)).toEqual({ text: `${forged}\nreal=yes\n`, code: 0 });
  });
});

describe('change sections', () => {
  it('stops at the first failing section, and tells its stderr from earlier sections', () => {
    const marker = newMarker();
    const script = composeChangeScript(marker, [
      { index: 0, script: 'echo one >&2' },
      { index: 1, script: 'echo two >&2\nfalse\necho not reached' },
      { index: 2, script: 'echo three' },
    ]);
    const result = run(script);
    expect(result.code).toBe(1);
    const sections = parseSections(result.stdout, marker);
    expect([sections.get(0)?.code, sections.get(1)?.code, sections.has(2)]).toEqual([0, 1, false]);
    expect(sectionStderr(result.stderr, marker, 1).trim()).toBe('two');
  });

  it('reports section ends as output arrives, across chunk boundaries', () => {
    const ends: Array<[number, number]> = [];
    const watch = sectionEndWatcher('@@M', (index, code) => ends.push([index, code]));
    watch(Buffer.from('x\n@@M end 0 0\n@@M e'));
    watch(Buffer.from('nd 1 3\n'));
    expect(ends).toEqual([
      [0, 0],
      [1, 3],
    ]);
  });
});
