import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type DynamicModule, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppEnv, validateEnv } from '@app/config';
import { DemoModule } from '@app/demo';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { startApi, type TestApi } from '../setup/api.js';
import { createTestDatabase } from '../setup/database.js';
import { obliterateQueues } from '../setup/queues.js';

const LIBS = new URL('../../libs/', import.meta.url);

/** Every source file of a library (specs left out). */
async function sources(lib: string): Promise<{ path: string; text: string }[]> {
  const dir = new URL(`${lib}/src/`, LIBS);
  const names = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.ts') && !n.endsWith('.spec.ts'));
  return Promise.all(
    names.map(async (n) => ({ path: `libs/${lib}/src/${n}`, text: await readFile(new URL(n, dir), 'utf8') })),
  );
}

/** The table of every `@Entity` class in the libraries, with the library that declares it. */
async function declaredTables(): Promise<Map<string, string>> {
  const tables = new Map<string, string>();
  for (const lib of await readdir(LIBS)) {
    for (const file of await sources(lib))
      for (const m of file.text.matchAll(/@Entity\('([a-z_]+)'\)/g)) tables.set(m[1]!, lib);
  }
  return tables;
}

const mapped = (db: DataSource) => db.entityMetadatas.map((m) => m.tableName).sort();

/**
 * Each feature library registers its own entities (TypeOrmModule.forFeature) and the data source
 * loads what the process's modules registered: every process must still map every table, and the
 * persistence library must know no feature.
 */
describe('who owns the schema', () => {
  let api: TestApi;
  let tables: Map<string, string>;

  beforeAll(async () => {
    tables = await declaredTables();
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('finds the entities of every feature library', () => {
    expect(tables.size).toBeGreaterThan(40);
    expect(tables.get('notifications')).toBe('notifications');
    expect(tables.get('budget_projects')).toBe('funds');
  });

  it('the API maps every table', () => {
    expect(mapped(api.db)).toEqual([...tables.keys()].sort());
  });

  it.each([
    ['the worker', WorkerModule],
    ['the demo loader', DemoModule],
  ] as [string, Type | DynamicModule][])('%s maps every table', async (_name, module) => {
    const database = await createTestDatabase();
    // Started for real (the worker's processors and schedulers need their init to close cleanly), on queues of its own.
    const prefix = `kc-test-${randomBytes(4).toString('hex')}`;
    const env = validateEnv({ ...process.env, ...api.env, DATABASE_URL: database.url, QUEUE_PREFIX: prefix });
    const moduleRef = await Test.createTestingModule({ imports: [module] })
      .overrideProvider(AppEnv)
      .useValue(env)
      .compile();
    await moduleRef.init();
    try {
      expect(mapped(moduleRef.get<DataSource>(getDataSourceToken()))).toEqual([...tables.keys()].sort());
    } finally {
      await moduleRef.close();
      await obliterateQueues(env.REDIS_URL, prefix);
      await database.drop();
    }
  });

  it('the persistence library imports no feature library', async () => {
    const imports = (await sources('persistence')).flatMap((f) =>
      [...f.text.matchAll(/from '(@app\/[a-z-]+)'/g)].map((m) => `${f.path}: ${m[1]}`),
    );
    expect(imports.filter((i) => !/: @app\/(config|common)$/.test(i))).toEqual([]);
  });
});
