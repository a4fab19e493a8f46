/** The core version extensions declare compatibility with (`core: ^0.1.0` in a manifest). */
export const CORE_VERSION = '0.1.0';
