import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A source file of one area: `libs/<name>` or `apps/<name>`. */
export interface Source {
  area: string;
  path: string;
  text: string;
}

/** What each library owns: its tables and entity classes, and the read views it publishes. */
export interface Ownership {
  tables: Map<string, string>;
  entities: Map<string, string>;
  /** `schema.view` → the library that publishes it (the schema is the library's name). */
  views: Set<string>;
}

const SQL_WRITE = /^(into|update|delete\s+from|truncate|table)$/i;
// Repository, manager and query-builder calls that take an entity class as their first argument.
const ORM_CALL = new RegExp(
  String.raw`\b(getRepository|InjectRepository|find\w*|save|insert|update|delete|count\w*|exist\w*|from|\w*Join\w*|into|upsert|` +
    String.raw`createQueryBuilder|increment|decrement|softDelete|remove|sum|average|minimum|maximum)\s*\(\s*(\w+)\s*[,)]`,
  'g',
);
// A join that maps another library's entity onto a property: leftJoinAndMapOne('user.unit', Unit, …).
const ORM_MAPPED_JOIN = /\b\w*Join\w*\(\s*['"][^'"]*['"]\s*,\s*(\w+)\s*,/g;
const SQL_RELATION =
  /\b(from|join|into|update|delete\s+from|truncate|table)\s+(?:"?([a-z_]+)"?\.)?"?([a-z_]+)"?(?=[\s,;)`'"]|$)/gi;

/** Comments name tables in prose ("read from units"); only code counts. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

export function readSources(root: string): Source[] {
  const files: Source[] = [];
  for (const base of ['libs', 'apps']) {
    for (const name of readdirSync(path.join(root, base))) {
      const dir = path.join(root, base, name, 'src');
      let names: string[];
      try {
        names = readdirSync(dir, { recursive: true }).map(String);
      } catch {
        continue;
      }
      for (const n of names) {
        if (!/\.tsx?$/.test(n) || /[.-]spec\.ts$/.test(n) || n.includes('migrations/')) continue;
        files.push({
          area: `${base}/${name}`,
          path: `${base}/${name}/src/${n}`,
          text: readFileSync(path.join(dir, n), 'utf8'),
        });
      }
    }
  }
  return files;
}

/** Tables and entities from `@Entity('name') … export class Name`; views from the migrations that publish them. */
export function ownership(files: Source[], migrations: string[]): Ownership {
  const tables = new Map<string, string>();
  const entities = new Map<string, string>();
  for (const f of files) {
    for (const m of f.text.matchAll(/@Entity\('([a-z_]+)'\)[\s\S]*?export class (\w+)/g)) {
      tables.set(m[1]!, f.area);
      entities.set(m[2]!, f.area);
    }
  }
  const views = new Set<string>();
  for (const text of migrations) {
    for (const m of text.matchAll(/\[\s*'([a-z_]+)',\s*'([a-z_]+)',\s*\[/g)) views.add(`${m[1]}.${m[2]}`);
  }
  return { tables, entities, views };
}

/**
 * Every place where code of one area touches another library's storage: raw SQL naming its table,
 * a write to its published view, an unpublished view, or an ORM call given its entity class.
 */
export function violations(files: Source[], own: Ownership, seeders: readonly string[] = []): string[] {
  const found = new Set<string>();
  for (const f of files) {
    if (seeders.includes(f.area)) continue;
    const text = code(f.text);
    for (const m of text.matchAll(SQL_RELATION)) {
      const verb = m[1]!;
      const schema = m[2];
      const relation = m[3]!;
      const clause = verb.toUpperCase().replace(/\s+/g, ' ');
      if (schema) {
        const publisher = `libs/${schema}`;
        if (!own.tables.has(relation) && !own.views.has(`${schema}.${relation}`)) continue;
        if (publisher === f.area) continue;
        if (!own.views.has(`${schema}.${relation}`))
          found.add(`${f.path}: ${clause} ${schema}.${relation} is not published`);
        else if (SQL_WRITE.test(verb))
          found.add(`${f.path}: ${clause} ${schema}.${relation} writes another library's data`);
        continue;
      }
      const owner = own.tables.get(relation);
      if (owner && owner !== f.area) found.add(`${f.path}: ${clause} ${relation} (table of ${owner})`);
    }
    for (const m of text.matchAll(ORM_CALL)) {
      const owner = own.entities.get(m[2]!);
      if (owner && owner !== f.area) found.add(`${f.path}: ${m[1]}(${m[2]}) (entity of ${owner})`);
    }
    for (const m of text.matchAll(ORM_MAPPED_JOIN)) {
      const owner = own.entities.get(m[1]!);
      if (owner && owner !== f.area) found.add(`${f.path}: join mapping ${m[1]} (entity of ${owner})`);
    }
  }
  return [...found].sort();
}
