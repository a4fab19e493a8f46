/**
 * Calls `check` every `intervalMs` until it returns a value (not undefined), and returns it; gives
 * undefined once `timeoutMs` has passed. The caller's signal rejects at once with its reason.
 */
export async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs: number; signal?: AbortSignal },
): Promise<T | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    options.signal?.throwIfAborted();
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() + options.intervalMs > deadline) return undefined;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        options.signal?.removeEventListener('abort', abort);
        resolve();
      }, options.intervalMs);
      const abort = () => {
        clearTimeout(timer);
        reject(options.signal?.reason);
      };
      options.signal?.addEventListener('abort', abort, { once: true });
    });
  }
}
