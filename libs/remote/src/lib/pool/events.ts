import type { OutputStream } from '../exec/run-command';

/**
 * What the pool reports while it works, for progress displays and run logs. Every command and
 * message in an event is redacted. `execId` ties start, output and end of one command together.
 */
export type PoolEvent =
  | {
      type: 'connect';
      host: string;
      address: string;
      port: number;
      via: string[];
      durationMs: number;
      attempt: number;
      hostKeyFingerprint: string;
    }
  | {
      type: 'connect-failed';
      host: string;
      address: string;
      port: number;
      attempt: number;
      willRetry: boolean;
      error: { name: string; message: string };
    }
  | {
      type: 'host-key-accepted';
      host: string;
      address: string;
      port: number;
      fingerprint: string;
      file: string;
    }
  | { type: 'disconnect'; host: string; reason: string; expected: boolean }
  | { type: 'reconnect'; host: string; reason: string }
  | { type: 'exec-start'; host: string; execId: number; command: string; sudo: boolean }
  | { type: 'output'; host: string; execId: number; stream: OutputStream; line: string }
  | {
      type: 'exec-end';
      host: string;
      execId: number;
      command: string;
      durationMs: number;
      code: number | null;
      signal?: string;
      error?: { name: string; message: string };
    }
  | { type: 'retry'; host: string; command: string; attempt: number; delayMs: number; reason: string };

export type PoolEventListener = (event: PoolEvent) => void;
