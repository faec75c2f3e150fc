import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppEnv } from '@app/config';
import { REDIS } from '@app/queue';
import { CHANNEL_OPTIONS, type ChannelOptions } from './channel-options.js';

/**
 * The robots' own limit (20 messages a minute each) kept for all workers together: one counter per
 * channel in Redis, taken atomically (rate-limiter-flexible's Lua script), so two processes never
 * both take the last slot.
 */
@Injectable()
export class ChannelLimiter {
  private readonly limiter: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, env: AppEnv, @Inject(CHANNEL_OPTIONS) options: ChannelOptions) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${env.QUEUE_PREFIX}:channel-rate`,
      points: options.ratePerWindow,
      duration: options.rateWindowSeconds,
    });
  }

  /** Takes a slot for this channel, or says how long until the next one. */
  async take(channelId: string): Promise<{ ok: true } | { ok: false; retryInMs: number }> {
    try {
      await this.limiter.consume(channelId);
      return { ok: true };
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return { ok: false, retryInMs: Math.max(refusal.msBeforeNext, 50) };
      throw refusal;
    }
  }
}
