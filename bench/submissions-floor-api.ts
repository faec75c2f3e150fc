import 'reflect-metadata';
import { Body, Controller, Module, Put } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import type { Actor } from '@app/common';
import { AppEnv } from '@app/config';
import { AppModule } from '../apps/api/src/app.module.js';
import { CurrentActor, Roles } from '../apps/api/src/auth/access.decorators.js';
import { configureApp } from '../apps/api/src/bootstrap.js';

/**
 * The API process of the submission benchmark: the product's AppModule and middleware as main.ts
 * builds them, plus one route that exists only here. That route is the floor: the same global
 * access guard (token, open session, user as they are now), the same validation pipe, then one
 * insert into a table with a unique index, and nothing else. The benchmark creates the table.
 */
class FloorDto {
  @IsUUID() periodId!: string;
  @IsUUID() subjectId!: string;
  @IsString() @MaxLength(2000) narrative!: string;
}

@Controller('bench')
class FloorController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Roles('admin', 'office', 'liaison')
  @Put('floor')
  async save(@CurrentActor() actor: Actor, @Body() dto: FloorDto): Promise<{ id: string }> {
    const [row]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO bench_floor (period_id, subject_id, unit_id, author_id, narrative) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [dto.periodId, dto.subjectId, actor.unitId, actor.userId, dto.narrative],
    );
    return { id: row!.id };
  }
}

@Module({ imports: [AppModule], controllers: [FloorController] })
class FloorAppModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(FloorAppModule, { bufferLogs: true, bodyParser: false });
  configureApp(app);
  await app.listen(app.get(AppEnv).PORT, '127.0.0.1');
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
