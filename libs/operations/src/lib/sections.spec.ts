import { execFileSync } from 'node:child_process';
import { pathFactsScript } from './path-facts';
import {
  composeFactsScript,
  newMarker,
  parseSections,
  stdinScript,
  stdinScriptGroups,
  uniqueSections,
} from './sections';

const run = (script: string) => {
  try {
    return {
      stdout: execFileSync('/bin/sh', ['-s'], {
        input: script,
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
      stderr: '',
      code: 0,
    };
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

  it("runs an inline section in the script's own shell (its variables stay) and a plain one in a subshell", () => {
    const marker = newMarker();
    const { stdout } = run(
      composeFactsScript(marker, [
        { script: 'a=inline; echo a=$a', inline: true },
        'b=sub; echo a=$a; exit 3',
        { script: 'echo a=$a b=${b-unset}', inline: true },
      ]),
    );
    expect([...parseSections(stdout, marker).values()]).toEqual([
      { text: 'a=inline\n', code: 0 },
      { text: 'a=inline\n', code: 3 },
      { text: 'a=inline b=unset\n', code: 0 },
    ]);
  });

  it('collapses sections with the same script and inlining into the first, and says where each entry went', () => {
    const { sections, sectionOf } = uniqueSections([
      { section: 'echo a', id: 1 },
      { section: { script: 'echo b', inline: true }, id: 2 },
      { section: { script: 'echo a' }, id: 3 },
      { section: { script: 'echo b', inline: true }, id: 4 },
      { section: { script: 'echo a', inline: true }, id: 5 },
    ]);
    expect(sections.map((entry) => entry.id)).toEqual([1, 2, 5]);
    expect(sectionOf).toEqual([0, 1, 0, 1, 2]);
  });
});

describe('script groups', () => {
  const blocks = [
    ['exec 3>&1 1>&2', 'say() { echo "$*" >&3; }', 'n=1'],
    ['cat <<EOF >&3', 'a heredoc stays whole', 'EOF'],
    ['say "n=$n"; n=2'],
    ['read line; say "read [${line-}]"', 'say "n=$n"'],
  ];

  it('cuts only between blocks, once a group would pass its size', () => {
    const script = stdinScriptGroups(blocks, 60);
    const groups = script.split('} </dev/null\n').filter(Boolean);
    expect(groups.map((group) => group.split('\n').filter(Boolean))).toEqual([
      ['{', ...blocks[0]],
      ['{', ...blocks[1], ...blocks[2]],
      ['{', ...blocks[3]],
    ]);
  });

  it('runs as one shell: variables, functions and exec redirections carry over, and no group reads the script', () => {
    const expected = 'a heredoc stays whole\nn=1\nread []\nn=2\n';
    expect(run(stdinScriptGroups(blocks, 60)).stdout).toBe(expected);
    expect(run(stdinScriptGroups(blocks)).stdout).toBe(expected);
  });
});

describe('functions a script calls', () => {
  it('defines the path facts function once, first, in a script that reads path facts, and not in one that does not', () => {
    const reads = [
      [`${pathFactsScript('/nonexistent/a')} >&2`],
      [`${pathFactsScript('/nonexistent/b')} >&2`],
    ];
    const grouped = stdinScriptGroups(reads, 10);
    expect(grouped.split('_pf() {').length).toBe(2);
    expect(grouped.indexOf('_pf() {')).toBeLessThan(grouped.indexOf('_pf /nonexistent/a'));
    expect(run(grouped)).toMatchObject({ code: 0, stdout: '' });
    expect(run(stdinScript([pathFactsScript('/nonexistent/a')])).stdout).toBe('type=none\n');
    expect(stdinScript(['echo no path facts here'])).not.toContain('_pf');
  });
});
