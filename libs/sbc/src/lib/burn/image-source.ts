import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  openSync,
  readSync,
  closeSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { SbcError } from '../errors';

export type Compression = 'none' | 'gzip' | 'xz';

/** By the first bytes, not the name: a renamed file is still read right. */
export function detectCompression(file: string): Compression {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(6);
  try {
    readSync(fd, head, 0, 6, 0);
  } finally {
    closeSync(fd);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (head[0] === 0x50 && head[1] === 0x4b)
    throw new SbcError(
      `${file} is a zip archive`,
      'unzip it and burn the .img inside (zip cannot be written as a stream)',
    );
  return 'none';
}

/** The image's decompressed bytes as a stream (xz through the xz program, which streams). */
export function decompressedStream(file: string, compression: Compression): Readable {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  if (compression === 'none') return raw;
  if (compression === 'gzip') return raw.pipe(createGunzip({ chunkSize: 1 << 20 }));
  const xz = spawn('xz', ['-dc', '-T0'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  xz.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  xz.on('error', (error) =>
    xz.stdout.destroy(
      new SbcError(`cannot run xz: ${error.message}`, 'install xz-utils (apt-get install xz-utils)'),
    ),
  );
  xz.on('close', (code) => {
    if (code)
      xz.stdout.destroy(
        new SbcError(
          `xz could not decompress ${file}: ${stderr.trim()}`,
          'the file is damaged or not an xz image: download it again',
        ),
      );
  });
  raw.pipe(xz.stdin);
  xz.stdin.on('error', () => undefined);
  return xz.stdout;
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
}

/** Downloads an http(s) image into `dir` (a temp file renamed when complete), reporting bytes. */
export async function downloadImage(
  url: string,
  dir: string,
  onBytes: (bytes: number, total?: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    throw new SbcError(
      `cannot download ${url}: ${(error as Error).message}`,
      'check the URL and the network, or download it yourself and pass the file',
    );
  }
  if (!response.ok || !response.body)
    throw new SbcError(`cannot download ${url}: HTTP ${response.status}`, 'check the URL');
  mkdirSync(dir, { recursive: true });
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'image');
  const target = join(dir, name.replace(/[^A-Za-z0-9._+-]/g, '_'));
  const partial = `${target}.part`;
  const total = Number(response.headers.get('content-length')) || undefined;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      onBytes(bytes, total);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as never), counter, createWriteStream(partial));
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  renameSync(partial, target);
  return target;
}
