/**
 * An AbortSignal fired by Ctrl-C, so commands on hosts are killed (closing an SSH channel kills
 * nothing on the host) rather than left running; a second Ctrl-C exits at once as usual.
 */
export function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onInterrupt = () => {
    process.removeListener('SIGINT', onInterrupt);
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  return { signal: controller.signal, dispose: () => process.removeListener('SIGINT', onInterrupt) };
}
