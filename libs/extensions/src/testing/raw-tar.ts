import { gzipSync } from 'node:zlib';

/** One entry of a hand-made tar archive; hostile ones included (that is what this is for). */
export interface RawTarEntry {
  path: string;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink' | 'chardev' | 'blockdev' | 'fifo';
  content?: string | Buffer;
  linkpath?: string;
  mode?: number;
  /** Size written in the header when it should lie about the content. */
  declaredSize?: number;
}

const TYPE_FLAGS: Record<NonNullable<RawTarEntry['type']>, string> = {
  file: '0',
  hardlink: '1',
  symlink: '2',
  chardev: '3',
  blockdev: '4',
  dir: '5',
  fifo: '6',
};

/**
 * Writes a ustar archive byte by byte, without any library's notion of what is safe, so tests
 * can build the archives an attacker would: absolute paths, `..`, links, devices, duplicates.
 */
export function rawTar(entries: readonly RawTarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const content = Buffer.from(entry.content ?? '');
    const header = Buffer.alloc(512, 0);
    const type = entry.type ?? 'file';
    const size = entry.declaredSize ?? (type === 'file' ? content.length : 0);
    header.write(entry.path.slice(0, 100), 0, 'utf8');
    header.write(octal(entry.mode ?? (type === 'dir' ? 0o755 : 0o644), 8), 100);
    header.write(octal(0, 8), 108);
    header.write(octal(0, 8), 116);
    header.write(octal(size, 12), 124);
    header.write(octal(0, 12), 136);
    header.write('        ', 148);
    header.write(TYPE_FLAGS[type], 156);
    header.write((entry.linkpath ?? '').slice(0, 100), 157);
    header.write('ustar\u000000', 257, 'binary');
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'binary');
    blocks.push(header);
    if (type === 'file' && content.length > 0) {
      blocks.push(content, Buffer.alloc((512 - (content.length % 512)) % 512, 0));
    }
  }
  blocks.push(Buffer.alloc(1024, 0));
  return Buffer.concat(blocks);
}

export function gzipTar(entries: readonly RawTarEntry[]): Buffer {
  return gzipSync(rawTar(entries));
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\u0000`;
}
