import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SbcError } from '../errors';
import { assertSafeToOverwrite, type BlockDevice, inspectBlockDevice } from './block-device';
import {
  type Compression,
  decompressedStream,
  detectCompression,
  downloadImage,
  sha256OfFile,
} from './image-source';

export interface BurnProgress {
  phase: 'download' | 'check' | 'write' | 'verify';
  bytes: number;
  totalBytes?: number;
}

export interface BurnOptions {
  /** A local file or an http(s) URL; raw, .gz or .xz (detected by content). */
  image: string;
  /** The whole device: /dev/sdb, /dev/mmcblk0, /dev/loop3. */
  device: string;
  /** Expected sha256 of the image file as published (compressed, if it is). Checked before writing. */
  sha256?: string;
  /** Where a URL is downloaded to (default: a temp directory, removed after). */
  downloadDir?: string;
  signal?: AbortSignal;
  onProgress?: (progress: BurnProgress) => void;
}

export interface BurnResult {
  device: string;
  compression: Compression;
  /** Bytes written to the device (the decompressed image). */
  bytesWritten: number;
  /** sha256 of what was written, and of what was read back from the device: equal, or it failed. */
  writtenSha256: string;
  imageSha256?: string;
  durationMs: number;
}

/** Only looks: the device and why it may or may not be written (for the confirmation prompt). */
export function describeTarget(device: string): BlockDevice {
  return inspectBlockDevice(device);
}

/**
 * Writes an image to a device: refuses a mounted device, one in use, or the system disk; checks
 * the image's sha256 before writing when given; decompresses while writing; flushes; reads the
 * written bytes back from the device (after dropping its buffers) and compares their sha256.
 */
export async function burnImage(options: BurnOptions): Promise<BurnResult> {
  const started = performance.now();
  const device = inspectBlockDevice(options.device);
  assertSafeToOverwrite(device);
  const progress = options.onProgress ?? (() => undefined);
  let file = options.image;
  let downloaded: string | undefined;
  if (/^https?:\/\//.test(file)) {
    const dir = options.downloadDir ?? join(tmpdir(), `provisioning-image-${process.pid}`);
    file = await downloadImage(
      file,
      dir,
      (bytes, totalBytes) => progress({ phase: 'download', bytes, totalBytes }),
      options.signal,
    );
    if (!options.downloadDir) downloaded = dir;
  } else if (!existsSync(file)) {
    throw new SbcError(
      `image ${file} does not exist`,
      'give the path of a .img, .img.xz or .img.gz file, or an http(s) URL',
    );
  }
  try {
    let imageSha256: string | undefined;
    if (options.sha256) {
      progress({ phase: 'check', bytes: 0 });
      imageSha256 = await sha256OfFile(file);
      if (imageSha256 !== options.sha256.toLowerCase()) {
        throw new SbcError(
          `${options.image} has sha256 ${imageSha256}, not ${options.sha256}`,
          'nothing was written: download the image again, or check the checksum you passed',
        );
      }
    }
    const compression = detectCompression(file);
    const written = await writeDevice(
      device,
      decompressedStream(file, compression),
      progress,
      options.signal,
    );
    flushBuffers(device.path);
    const readBack = await hashDevice(device.path, written.bytes, progress, options.signal);
    if (readBack !== written.sha256) {
      throw new SbcError(
        `verification failed: ${device.path} reads back sha256 ${readBack}, but ${written.sha256} was written`,
        'the card or reader is faulty or the card is fake-capacity: try another card',
      );
    }
    return {
      device: device.path,
      compression,
      bytesWritten: written.bytes,
      writtenSha256: written.sha256,
      ...(imageSha256 ? { imageSha256 } : {}),
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    if (downloaded) execFileSync('rm', ['-rf', downloaded]);
  }
}

async function writeDevice(
  device: BlockDevice,
  source: NodeJS.ReadableStream,
  progress: (p: BurnProgress) => void,
  signal?: AbortSignal,
) {
  const handle = await open(device.path, 'r+');
  const hash = createHash('sha256');
  let position = 0;
  try {
    const sink = new Writable({
      highWaterMark: 1 << 22,
      write(chunk: Buffer, _encoding, done) {
        if (position + chunk.length > device.sizeBytes) {
          done(
            new SbcError(
              `the image is larger than ${device.path} (${device.sizeBytes} bytes)`,
              'use a larger card; the card now holds a partial image',
            ),
          );
          return;
        }
        handle.write(chunk, 0, chunk.length, position).then(
          () => {
            hash.update(chunk);
            position += chunk.length;
            progress({ phase: 'write', bytes: position, totalBytes: device.sizeBytes });
            done();
          },
          (error: Error) => done(error),
        );
      },
    });
    await pipeline(source, sink, { signal });
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { bytes: position, sha256: hash.digest('hex') };
}

/** Drops the kernel's cached pages of the device, so the read-back reads the medium. */
function flushBuffers(path: string): void {
  try {
    execFileSync('blockdev', ['--flushbufs', path], { stdio: 'ignore' });
  } catch {
    // Without blockdev (or the ioctl), the read-back may come from the page cache: still a check of the write path.
  }
}

async function hashDevice(
  path: string,
  length: number,
  progress: (p: BurnProgress) => void,
  signal?: AbortSignal,
): Promise<string> {
  const handle = await open(path, 'r');
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1 << 22);
  let position = 0;
  try {
    while (position < length) {
      if (signal?.aborted)
        throw new SbcError('cancelled during verification', 'the image was written; burn again to verify it');
      const { bytesRead } = await handle.read(
        buffer,
        0,
        Math.min(buffer.length, length - position),
        position,
      );
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
      progress({ phase: 'verify', bytes: position, totalBytes: length });
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
