/** A refused or failed image operation: what happened, and what to do next. */
export class SbcError extends Error {
  override name = 'SbcError';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}
