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
    /**
     * The secrets this value was built from, by name (`DB_PASSWORD`), when it is a string that
     * embeds them (`postgres://app:{{secret.DB_PASSWORD}}@db`): each must be masked on its own too.
     */
    embedded: ReadonlyMap<string, Secret> = new Map(),
  ) {
    this.#value = value;
    this.#embedded = embedded;
  }

  readonly #embedded: ReadonlyMap<string, Secret>;

  reveal(): string {
    return this.#value;
  }

  /**
   * Every value to mask for this secret: the value itself and each secret it embeds, so redaction
   * is keyed on values, never on which reference or string they came through.
   */
  revealAll(): string[] {
    return [this.#value, ...[...this.#embedded.values()].flatMap((secret) => secret.revealAll())];
  }

  /** The plain secrets inside, by name (itself under its own name when it embeds none). */
  sources(): Map<string, string> {
    if (this.#embedded.size === 0) return new Map([[this.reference.replace(/^secret\./, ''), this.#value]]);
    const found = new Map<string, string>();
    for (const secret of this.#embedded.values())
      for (const [name, value] of secret.sources()) found.set(name, value);
    return found;
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
