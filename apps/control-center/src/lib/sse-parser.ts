/** One server-sent event as the stream carries it. */
export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

/**
 * Splits what arrived so far into complete events (a blank line ends one) and the unfinished
 * rest, which the next chunk continues. Follows the EventSource rules the page needs: `id`,
 * `event`, multi-line `data`, comments (`:`) ignored, CRLF or LF line ends.
 */
export function parseSse(buffer: string): { messages: SseMessage[]; rest: string } {
  const normalized = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalized.split('\n\n');
  const rest = blocks.pop() ?? '';
  const messages: SseMessage[] = [];
  for (const block of blocks) {
    const message: SseMessage = { event: 'message', data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'event') message.event = value;
      else if (field === 'id') message.id = value;
    }
    if (data.length === 0) continue;
    message.data = data.join('\n');
    messages.push(message);
  }
  return { messages, rest };
}
