// Runs TypeScript sources directly (benchmarks, one-off scripts): `node --import ./scripts/ts-loader.mjs file.ts`.
// Compiles with swc the same way the test runner does and resolves the `@app/*` aliases.
import { register } from 'node:module';

register('./ts-loader-hooks.mjs', import.meta.url);
