import { HttpError } from '../http/http-error';
import { backoffDelay } from '../http/retry-delay';

/**
 * Sends a create request that the API cannot deduplicate by itself. A 5xx, a timeout or a lost
 * answer may still have made the server, so before each new try it looks for it (`find`, by the
 * client-token label or tag): one client token never makes two servers. Other errors are thrown.
 */
export async function createOnce<T>(options: {
  send: () => Promise<T>;
  find: () => Promise<T | undefined>;
  log: (message: string) => void;
  /** What is being created, for the progress line. */
  what: string;
  signal?: AbortSignal;
  tries?: number;
  backoffMs?: number;
}): Promise<T> {
  const tries = options.tries ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await options.send();
    } catch (error) {
      const unsure =
        error instanceof HttpError &&
        (error.kind === 'timeout' || error.kind === 'network' || (error.status ?? 0) >= 500);
      if (!unsure || attempt >= tries) throw error;
      const made = await options.find();
      if (made !== undefined) return made;
      const delay = backoffDelay(attempt, options.backoffMs ?? 1000, 10_000);
      options.log(
        `create of ${options.what} answered ${error.message}; nothing was made, trying again in ${Math.ceil(delay / 1000)} s`,
      );
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, delay);
        options.signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(options.signal?.reason);
          },
          { once: true },
        );
      });
    }
  }
}
