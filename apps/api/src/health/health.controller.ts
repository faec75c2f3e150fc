import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import { REDIS } from '@app/queue';
import { Public } from '../auth/access.decorators.js';

interface Health {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  redis: 'up' | 'down';
}

@ApiTags('运行状态')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** 200 when both stores answer, 503 otherwise; the body says which one is down. */
  @Public()
  @Get()
  @ApiOkResponse({ description: '{status, database, redis}' })
  async check(): Promise<Health> {
    const [database, redis] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      withTimeout(this.redis.ping(), 1000).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
    ]);
    const health: Health = { status: database === 'up' && redis === 'up' ? 'ok' : 'degraded', database, redis };
    if (health.status !== 'ok') {
      throw new HttpException(
        {
          statusCode: 503,
          error: 'Service Unavailable',
          message: '服务依赖不可用',
          details: [{ field: database === 'down' ? 'database' : 'redis', reason: '无法连接' }],
          ...health,
        },
        503,
      );
    }
    return health;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}
