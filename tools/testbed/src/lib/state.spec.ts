import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleState } from './test-fixtures';
import { parseState, readState, statePath, writeState } from './state';

describe('state file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'testbed-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back exactly what was written', () => {
    writeState(dir, sampleState());
    expect(readState(dir)).toEqual(sampleState());
  });

  it('reports no state (the testbed is down) when the file does not exist', () => {
    expect(readState(join(dir, 'never-created'))).toBeUndefined();
  });

  it('leaves no temporary file behind after a write', () => {
    writeState(dir, sampleState());
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('is written readable by root only, since it names key paths', () => {
    writeState(dir, sampleState());
    expect(JSON.parse(readFileSync(statePath(dir), 'utf8')).name).toBe('ptb');
    expect(require('node:fs').statSync(statePath(dir)).mode & 0o777).toBe(0o600);
  });

  it('names the file and the remedy when the file is not JSON', () => {
    writeFileSync(statePath(dir), '{ truncated');
    expect(() => readState(dir)).toThrow(new RegExp(`${statePath(dir)} is not JSON.*clean up by hand`));
  });

  it('names the offending field when the file has another shape', () => {
    const broken = { ...sampleState(), hosts: [{ name: 'ptb-h1' }] };
    expect(() => parseState(JSON.stringify(broken), '/x/state.json')).toThrow(
      /\/x\/state.json .*hosts\.0\.index/,
    );
  });
});
