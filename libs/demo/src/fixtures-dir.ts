import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's fixtures/ folder, found from this file whether it runs from source or dist/. */
export function fixturesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'fixtures');
    if (existsSync(path.join(candidate, 'ganzhou-2023-tasks.xlsx'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('fixtures/ not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}
