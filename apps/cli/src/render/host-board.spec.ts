import { createStyle } from '../cli/style';
import { HostBoard } from './host-board';

const plain = createStyle(false);

describe('HostBoard', () => {
  it('shows each host of an apply planning, applying, then ok or failed with what it changed', () => {
    const board = new HostBoard();
    board.update(
      { type: 'run-started', infra: 'main', action: 'install', hosts: ['web-1', 'cache-1'], steps: [] },
      0,
    );
    board.update({ type: 'host-started', host: 'web-1', wave: 0, steps: ['nginx@web-1'] }, 0);
    expect(board.render(plain, 120, 500)).toEqual([
      'web-1    planning    0 changed    0.5s  ',
      'cache-1  waiting     0 changed          ',
    ]);
    board.update({ type: 'host-planned', host: 'web-1', wave: 0, changes: 2, errors: 0 }, 600);
    board.update(
      {
        type: 'operation-finished',
        host: 'web-1',
        step: 'nginx@web-1',
        operationId: 'nginx/file:site',
        kind: 'file',
        status: 'changed',
        summary: '',
        durationMs: 5,
      },
      700,
    );
    board.update(
      { type: 'host-finished', host: 'web-1', wave: 0, status: 'ok', changed: 1, durationMs: 900 },
      900,
    );
    board.update({ type: 'host-started', host: 'cache-1', wave: 0, steps: ['redis@cache-1'] }, 1000);
    board.update(
      {
        type: 'host-finished',
        host: 'cache-1',
        wave: 0,
        status: 'failed',
        changed: 0,
        durationMs: 10,
        error: 'Reading facts from host "cache-1" failed',
      },
      1200,
    );
    expect(board.render(plain, 120, 2000)).toEqual([
      'web-1    ok          1 changed    0.9s  changed nginx/file:site',
      'cache-1  failed      0 changed    0.2s  Reading facts from host "cache-1" failed',
    ]);
  });

  it('shows a plan as planned with the count of changes, and cuts details to the terminal width', () => {
    const board = new HostBoard();
    board.update({ type: 'host-planned', host: 'db-1', wave: 0, changes: 3, errors: 1 }, 0);
    expect(board.render(plain, 120)).toEqual(['db-1  planned     0 changed    0.0s  3 to change, 1 errors']);
    expect(board.render(plain, 40)[0]).toBe('db-1  planned     0 changed    0.0s  3 ');
  });
});
