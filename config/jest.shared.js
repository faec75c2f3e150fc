// Jest runs in native-ESM mode (Nest 12 is ESM-only); @swc/jest strips types and keeps decorator metadata.
import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { swcOptions } from './swc.options.js';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Every folder under libs/ is an `@app/<name>` alias, as in tsconfig.json.
const libs = readdirSync(path.join(rootDir, 'libs'));

export const shared = {
  rootDir,
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  setupFilesAfterEnv: ['<rootDir>/test/setup/unhandled-errors.ts'],
  // A mutation-testing run keeps a copy of the repository there while it works.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
  moduleNameMapper: {
    ...Object.fromEntries(libs.map((lib) => [`^@app/${lib}$`, `<rootDir>/libs/${lib}/src/index.ts`])),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};
