import {
  burnImage,
  type BurnProgress,
  describeTarget,
  SbcError,
  assertSafeToOverwrite,
} from '@provisioning/sbc';
import { resolve } from 'node:path';
import type { CommandContext } from '../../../../cli/command-definition';
import { CliError, ExitCode, UsageError } from '../../../../cli/errors';
import { confirm } from '../../../../prompt/confirm';
import { interruptSignal } from '../../../../prompt/interrupt-signal';
import { size } from '../../../server/facts/render-facts';

interface BurnOptionValues {
  image: string;
  device: string;
  sha256?: string;
}

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as unknown as BurnOptionValues;
  if (options.sha256 && !/^[0-9a-fA-F]{64}$/.test(options.sha256))
    throw new UsageError(
      `--sha256 ${options.sha256} is not a sha256`,
      'copy the 64 hex characters the publisher gives',
    );
  try {
    const target = describeTarget(options.device);
    assertSafeToOverwrite(target);
    const summary = `${target.path}: ${target.model || 'unknown model'}, ${size(target.sizeBytes)}${target.removable ? ', removable' : ''}`;
    if (ctx.global.check) {
      ctx.out.result(
        { device: target, image: options.image, wouldWrite: true },
        () => `Would write ${options.image} to ${summary}; everything on it would be lost.\n`,
      );
      return ExitCode.usageOrChanges;
    }
    if (!ctx.global.yes) {
      await confirm(
        ctx,
        `${summary}\nEverything on it will be overwritten by ${options.image}.\n`,
        `Overwrite ${target.path}?`,
        {
          message: `this would overwrite ${target.path} and nobody is there to confirm`,
          hint: 'check the device (lsblk -d -o NAME,SIZE,MODEL,TRAN), then pass --yes',
        },
      );
    }
    const interrupt = interruptSignal();
    try {
      const image = /^https?:\/\//.test(options.image) ? options.image : resolve(ctx.cwd, options.image);
      const result = await burnImage({
        image,
        device: target.path,
        sha256: options.sha256?.toLowerCase(),
        signal: interrupt.signal,
        onProgress: progressReporter(ctx),
      });
      ctx.out.result(
        result,
        () =>
          `Wrote ${size(result.bytesWritten)} (${result.compression}) to ${result.device} and read it back: sha256 ${result.writtenSha256.slice(0, 16)}… matches. ${(result.durationMs / 1000).toFixed(1)} s.\n`,
      );
      return ExitCode.ok;
    } finally {
      interrupt.dispose();
    }
  } catch (error) {
    throw error instanceof SbcError ? new CliError(error.message, error.hint) : error;
  }
}

/** A line that rewrites itself in a terminal; a line per 10% elsewhere (CI logs stay short). */
function progressReporter(ctx: CommandContext): (progress: BurnProgress) => void {
  const live = ctx.out.liveTerminal(ctx.env);
  let lastShown = '';
  return (progress) => {
    const percent = progress.totalBytes
      ? Math.floor((progress.bytes / progress.totalBytes) * 100)
      : undefined;
    const text = `${progress.phase} ${size(progress.bytes)}${percent !== undefined && progress.phase !== 'write' ? ` (${percent}%)` : ''}`;
    if (live) {
      live.write(`\r\u001b[2K${text}`);
      return;
    }
    const step = `${progress.phase}:${percent === undefined ? Math.floor(progress.bytes / (256 << 20)) : Math.floor(percent / 10)}`;
    if (step !== lastShown) {
      lastShown = step;
      ctx.out.info(text);
    }
  };
}
