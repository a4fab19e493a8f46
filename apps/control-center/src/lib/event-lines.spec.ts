import { eventLine, stepStatusAfter } from './event-lines';

const event = (type: string, data?: Record<string, unknown>, stepId = 'b') => ({
  seq: 3,
  workflowId: 'wf-1',
  at: '2026-12-02T12:01:03.000Z',
  type,
  stepId,
  data,
});

describe('event lines', () => {
  it('says what happened to which step, with attempt, duration and error, toned by outcome', () => {
    expect(eventLine(event('step-succeeded', { attempt: 1, durationMs: 1234 }))).toEqual({
      text: '12:01:03 step-succeeded b (attempt 1, 1.2s)',
      tone: 'good',
    });
    expect(eventLine(event('step-failed', { attempt: 2, error: { message: 'exit 3 on web-1' } }))).toEqual({
      text: '12:01:03 step-failed b (attempt 2): exit 3 on web-1',
      tone: 'bad',
    });
  });

  it("shows a running step's output lines and host progress as `provisioning workflow logs` does", () => {
    expect(
      eventLine(event('step-output', { attempt: 1, host: 'web-1', stream: 'stdout', line: 'hello' })),
    ).toEqual({
      text: '12:01:03 b web-1 | hello',
      tone: 'plain',
    });
    expect(eventLine(event('step-output', { host: 'web-1', stream: 'stderr', line: 'careful' })).tone).toBe(
      'warn',
    );
    expect(
      eventLine(
        event('step-progress', {
          host: 'web-1',
          event: 'operation-finished',
          operation: 'nginx',
          status: 'failed',
          summary: 'exit 1',
        }),
      ),
    ).toEqual({ text: '12:01:03 b web-1 nginx failed exit 1', tone: 'bad' });
    expect(
      eventLine(event('step-progress', { host: 'web-1', event: 'host-finished', status: 'ok', changed: 2 }))
        .text,
    ).toBe('12:01:03 b web-1 host-finished ok (2 changed)');
    expect(eventLine(event('step-output-truncated', { dropped: 5, kept: 1000 })).text).toBe(
      '12:01:03 b: 5 more lines not recorded (the first 1000 are)',
    );
  });

  it('maps step events to the status the step has after them, and others to none', () => {
    expect(
      ['step-started', 'step-succeeded', 'step-retry-scheduled', 'workflow-succeeded'].map((type) =>
        stepStatusAfter(event(type)),
      ),
    ).toEqual(['running', 'succeeded', 'ready', undefined]);
  });
});
