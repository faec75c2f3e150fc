// Prints the SQL that would bring the database in line with the entities: the starting point of a
// hand-written migration (foreign keys and checks live only in migrations and show up as noise).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/persistence';
// Every library's entities, found by their file names (the apps load them through their modules).
const ds = new DataSource(
  dataSourceOptions(process.env.DATABASE_URL!, { entities: [`${process.cwd()}/libs/*/src/**/*.entity.ts`] }),
);
await ds.initialize();
const sql = await ds.driver.createSchemaBuilder().log();
for (const q of sql.upQueries) console.log(q.query + ';');
console.log('---DOWN');
for (const q of sql.downQueries.reverse()) console.log(q.query + ';');
await ds.destroy();
