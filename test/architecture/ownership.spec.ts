import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { ownership, readSources, type Source, violations } from './ownership.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const migrationsDir = path.join(root, 'libs/persistence/src/migrations');
const migrations = readdirSync(migrationsDir).map((n) => readFileSync(path.join(migrationsDir, n), 'utf8'));
const baseline: string[] = JSON.parse(
  readFileSync(path.join(root, 'test/architecture/ownership-baseline.json'), 'utf8'),
);

/**
 * The demo loader fills a new database before any process serves it, the way a seed does: it
 * writes every area's rows directly (through their entities), which no library may do.
 */
const SEEDERS = ['libs/demo'];

const file = (area: string, text: string): Source => ({ area, path: `${area}/src/x.ts`, text });
const entity = (area: string, table: string, cls: string) => file(area, `@Entity('${table}')\nexport class ${cls} {}`);
const published = `const published = [\n  ['organisation', 'units', ['id']],\n];`;

describe('who may touch which tables', () => {
  const owners = [
    entity('libs/organisation', 'units', 'Unit'),
    entity('libs/organisation', 'contacts', 'Contact'),
    entity('libs/plans', 'tasks', 'Task'),
  ];
  const check = (area: string, text: string) => violations([file(area, text)], ownership(owners, [published]));

  it.each([
    ['a join on another library’s table', 'SELECT * FROM tasks t JOIN units u ON u.id = t.unit_id', 1],
    ['a write to another library’s published view', 'UPDATE organisation.units SET name = $1', 1],
    ['a view nobody published', 'SELECT * FROM organisation.contacts', 1],
    ['an ORM call given another library’s entity', 'm.getRepository(Unit).findOne({})', 1],
    ['a query builder joining another library’s entity', "qb.innerJoin(Unit, 'u', 'u.id = t.unit_id')", 1],
    ['a join mapping another library’s entity', "qb.leftJoinAndMapOne('t.unit', Unit, 'u', 'u.id = t.unit_id')", 1],
    ['its own table', 'SELECT * FROM tasks', 0],
    [
      'a published view of another library',
      'SELECT t.id FROM tasks t JOIN organisation.units u ON u.id = t.unit_id',
      0,
    ],
    ['a table named in a comment', '// the units table is read from units through its view\nconst x = 1;', 0],
  ])('%s', (_name, text, count) => {
    expect(check('libs/plans', text)).toHaveLength(count);
  });

  it('counts every source file of the libraries and apps', () => {
    const own = ownership(readSources(root), migrations);
    expect(own.tables.get('units')).toBe('libs/organisation');
    expect(own.tables.size).toBeGreaterThan(40);
    expect(own.views.has('plans.tasks')).toBe(true);
  });

  // The baseline lists the crossings not yet moved behind their owner; it may only shrink.
  it('no library reads or writes another library’s tables except through what the owner publishes', () => {
    const sources = readSources(root);
    const found = violations(sources, ownership(sources, migrations), SEEDERS);
    expect(found.filter((v) => !baseline.includes(v))).toEqual([]);
    expect(baseline.filter((v) => !found.includes(v))).toEqual([]);
  });
});
