import { Queue } from 'bullmq';
import { bullConnection, QueueName } from '@app/queue';

/**
 * Removes every queue's jobs and schedulers under a test's own prefix: the workers a spec spawned
 * registered them all, and they would otherwise linger in the shared Redis database.
 */
export async function obliterateQueues(redisUrl: string, prefix: string): Promise<void> {
  await Promise.all(
    Object.values(QueueName).map(async (name) => {
      const queue = new Queue(name, { connection: bullConnection(redisUrl), prefix });
      queue.on('error', () => undefined);
      try {
        await queue.obliterate({ force: true });
      } finally {
        await queue.close();
      }
    }),
  );
}
