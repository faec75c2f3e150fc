/** One queue per concern. Job names and payloads are typed here so producers and processors agree. */
export const QueueName = {
  Maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const MaintenanceJob = {
  PurgeSessions: 'purge-sessions',
} as const;

export interface MaintenancePayloads {
  [MaintenanceJob.PurgeSessions]: Record<string, never>;
}
