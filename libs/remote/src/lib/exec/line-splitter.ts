/** Turns a byte stream into complete lines (the last partial line is kept until `flush`). */
export class LineSplitter {
  private pending = '';
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    this.pending += this.decoder.decode(chunk, { stream: true });
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      this.onLine(this.pending.slice(0, newline));
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf('\n');
    }
  }

  flush(): void {
    this.pending += this.decoder.decode();
    if (this.pending !== '') this.onLine(this.pending);
    this.pending = '';
  }
}
