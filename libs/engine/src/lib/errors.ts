/** A failure the engine reports to a front door: what happened, and a hint saying what to do next. */
export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
