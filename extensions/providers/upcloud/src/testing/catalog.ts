import type { UpcloudPlan, UpcloudStorage, UpcloudZone } from '../lib/api-types';

/** A small catalogue with the names and fields UpCloud publishes (GET /1.3/zone, /plan, /storage/template). */
export const ZONES: UpcloudZone[] = [
  { id: 'fi-hel1', description: 'Helsinki #1', public: 'yes' },
  { id: 'de-fra1', description: 'Frankfurt #1', public: 'yes' },
  { id: 'nl-ams1', description: 'Amsterdam #1', public: 'yes' },
];

export const PLANS: UpcloudPlan[] = [
  { name: '1xCPU-1GB', core_number: 1, memory_amount: 1024, storage_size: 25 },
  { name: '1xCPU-2GB', core_number: 1, memory_amount: 2048, storage_size: 50 },
  { name: '2xCPU-4GB', core_number: 2, memory_amount: 4096, storage_size: 80 },
  { name: '4xCPU-8GB', core_number: 4, memory_amount: 8192, storage_size: 160 },
];

export const TEMPLATES: UpcloudStorage[] = [
  {
    uuid: '01000000-0000-4000-8000-000020070100',
    title: 'Debian GNU/Linux 12 (Bookworm)',
    type: 'template',
    size: 4,
  },
  {
    uuid: '01000000-0000-4000-8000-000030240200',
    title: 'Ubuntu Server 24.04 LTS (Noble Numbat)',
    type: 'template',
    size: 4,
  },
];
