import type { UpcloudLabel } from './labels';

/** The shapes of UpCloud API 1.3 bodies this provider reads and sends (only the fields it uses). */

export type UpcloudServerState = 'started' | 'stopped' | 'maintenance' | 'error';

export interface UpcloudIpAddress {
  access: 'public' | 'private' | 'utility';
  address?: string;
  family: 'IPv4' | 'IPv6';
}

export interface UpcloudServer {
  uuid: string;
  title: string;
  hostname: string;
  state: UpcloudServerState;
  plan: string;
  zone: string;
  created?: number;
  labels?: { label: UpcloudLabel[] };
  ip_addresses?: { ip_address: UpcloudIpAddress[] };
}

export interface UpcloudServerCreate {
  zone: string;
  title: string;
  hostname: string;
  plan: string;
  metadata: 'yes';
  password_delivery: 'none';
  storage_devices: {
    storage_device: { action: 'clone'; storage: string; title: string; size: number; tier: 'maxiops' }[];
  };
  networking: {
    interfaces: {
      interface: { type: 'public' | 'utility'; ip_addresses: { ip_address: { family: 'IPv4' }[] } }[];
    };
  };
  login_user: { username: string; create_password: 'no'; ssh_keys: { ssh_key: string[] } };
  user_data: string;
  labels: { label: UpcloudLabel[] };
}

export interface UpcloudPlan {
  name: string;
  core_number: number;
  memory_amount: number;
  storage_size: number;
}

export interface UpcloudZone {
  id: string;
  description: string;
  public?: 'yes' | 'no';
}

export interface UpcloudStorage {
  uuid: string;
  title: string;
  type: string;
  size?: number;
}
