import { quote } from '@provisioning/sdk';

/** Facts travel as `key=value` lines; repeated keys collect into arrays via `all`. */
export class FactLines {
  private readonly entries: Array<[string, string]>;

  constructor(text: string) {
    this.entries = text
      .split('\n')
      .filter((lineText) => lineText.includes('='))
      .map((lineText) => {
        const at = lineText.indexOf('=');
        return [lineText.slice(0, at), lineText.slice(at + 1)];
      });
  }

  get(key: string): string | undefined {
    return this.entries.find(([name]) => name === key)?.[1];
  }

  all(key: string): string[] {
    return this.entries.filter(([name]) => name === key).map(([, value]) => value);
  }

  /** A value the script printed through `emitBase64`. */
  text(key: string): string | undefined {
    const value = this.get(key);
    return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
  }
}

/** Shell that prints `key=<base64 of the command's stdout>` on one line. */
export function emitBase64(key: string, shellCommand: string): string {
  return `printf '%s=' ${quote(key)}; ${shellCommand} | base64 | tr -d '\\n'; echo`;
}
