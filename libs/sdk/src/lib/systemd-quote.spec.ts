import { SystemdQuoteError, systemdCommand, systemdQuote } from './systemd-quote';

describe('systemdQuote', () => {
  it('leaves plain flags as they are', () => {
    expect(systemdCommand('/usr/local/bin/k3s', 'agent', '--server', 'https://10.0.0.1:6443')).toBe(
      '/usr/local/bin/k3s agent --server https://10.0.0.1:6443',
    );
  });

  it('doubles % and $ so systemd expands no specifier and no variable', () => {
    expect(systemdQuote('--node-label=cost=100%')).toBe('--node-label=cost=100%%');
    expect(systemdQuote('--data-dir=$HOME/%h')).toBe('--data-dir=$$HOME/%%h');
    expect(systemdQuote('${PATH}')).toBe('$${PATH}');
  });

  it('quotes whitespace, quotes, backslashes, a lone ; and the empty string as one argument', () => {
    expect(systemdQuote('a b')).toBe('"a b"');
    expect(systemdQuote(`say "hi" it's`)).toBe(`"say \\"hi\\" it's"`);
    expect(systemdQuote('C:\\dir')).toBe('"C:\\\\dir"');
    expect(systemdQuote(';')).toBe('";"');
    expect(systemdQuote('')).toBe('""');
  });

  it('refuses newlines and control characters, which would end the unit file line', () => {
    expect(() => systemdQuote('--x\nExecStartPre=/bin/evil')).toThrow(SystemdQuoteError);
  });
});
