import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppEnv } from '@app/config';

export const REDIS = Symbol('REDIS');

/** A client for quick checks: fails fast instead of queueing commands while Redis is away. */
export function createRedis(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  // Health checks report Redis as down; the connection's own errors need no further handling.
  client.on('error', () => undefined);
  return client;
}

/** BullMQ needs blocking connections that never give up on a command. */
export function bullConnection(url: string): Record<string, unknown> {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    db: Number(parsed.pathname.replace('/', '') || 0),
    password: parsed.password || undefined,
    username: parsed.username || undefined,
    maxRetriesPerRequest: null,
  };
}

@Global()
@Module({
  providers: [{ provide: REDIS, inject: [AppEnv], useFactory: (env: AppEnv) => createRedis(env.REDIS_URL) }],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
