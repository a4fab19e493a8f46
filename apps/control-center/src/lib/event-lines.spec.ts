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

  it("shows a step's live output with its host", () => {
    expect(eventLine(event('step-output', { host: 'web-1', stream: 'stdout', text: 'hello\n' })).text).toBe(
      '12:01:03 b web-1 | hello',
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
