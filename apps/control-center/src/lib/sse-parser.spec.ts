import { parseSse } from './sse-parser';

describe('parseSse', () => {
  it('returns complete events and keeps an unfinished one for the next chunk', () => {
    const first = parseSse('id: 1\nevent: step-started\ndata: {"seq":1}\n\nid: 2\nevent: step-suc');
    expect(first.messages).toEqual([{ id: '1', event: 'step-started', data: '{"seq":1}' }]);
    const second = parseSse(`${first.rest}ceeded\ndata: {"seq":2}\n\n`);
    expect(second).toEqual({ messages: [{ id: '2', event: 'step-succeeded', data: '{"seq":2}' }], rest: '' });
  });

  it('joins multi-line data, ignores comments and events without data, and accepts CRLF', () => {
    expect(parseSse(': keep-alive\r\n\r\nevent: x\r\n\r\ndata: a\r\ndata: b\r\n\r\n').messages).toEqual([
      { event: 'message', data: 'a\nb' },
    ]);
  });
});
