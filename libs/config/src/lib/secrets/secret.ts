import { REDACTED } from '@provisioning/sdk';
import { inspect } from 'node:util';

export { REDACTED };

/**
 * A secret value that refuses to show itself: string conversion, JSON, util.inspect and template
 * literals all give `***`. Only `reveal()` returns the value, so every use is explicit and greppable.
 */
export class Secret {
  readonly #value: string;

  constructor(
    value: string,
    /** Where it came from (`secret.DB_PASSWORD`), safe to print. */
    readonly reference = 'secret',
  ) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

export function isSecret(value: unknown): value is Secret {
  return value instanceof Secret;
}
