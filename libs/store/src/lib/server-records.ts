/**
 * Servers a provider created for an infra, written before and after each provider call, so an
 * interrupted create is found (status `creating`) and finished or cleaned up, and `server delete`
 * refuses servers the tool did not make.
 */
export type ServerRecordStatus = 'creating' | 'created' | 'deleting';

export interface ServerRecord {
  infra: string;
  /** The server's name in the infra. */
  name: string;
  provider: string;
  /** The idempotency key the provider was given; a retried create passes the same one. */
  clientToken: string;
  /** The provider's id, once a create call returned it. */
  providerId?: string;
  status: ServerRecordStatus;
  address?: string;
  port?: number;
  user?: string;
  zone?: string;
  plan?: string;
  image?: string;
  /** `type base64` host keys the provider reported. */
  hostKeys: string[];
  /** The last provider error, redacted. */
  error?: string;
  createdAt: Date;
  updatedAt: Date;
}

export type ProviderCallPhase = 'started' | 'finished' | 'failed';

/** One line of the provider journal: a call before it is made and after it returned or failed. */
export interface ProviderCallRecord {
  seq: number;
  at: Date;
  infra: string;
  server: string;
  provider: string;
  /** create, delete, get, start, stop, reboot. */
  call: string;
  phase: ProviderCallPhase;
  /** Redacted already. */
  detail?: string;
}

export interface ServerRecordStore {
  /** Inserts or replaces the record of (infra, name); `createdAt` is kept from the first write. */
  putServer(record: Omit<ServerRecord, 'createdAt' | 'updatedAt'>): Promise<ServerRecord>;
  getServer(infra: string, name: string): Promise<ServerRecord | undefined>;
  listServers(infra: string): Promise<ServerRecord[]>;
  removeServer(infra: string, name: string): Promise<void>;
  recordProviderCall(call: Omit<ProviderCallRecord, 'seq' | 'at'>): Promise<void>;
  listProviderCalls(infra: string, server?: string): Promise<ProviderCallRecord[]>;
}
