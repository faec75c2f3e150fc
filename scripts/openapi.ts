// `npm run openapi`: writes the API's OpenAPI document and the TypeScript types made from it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateOpenApi, OUTPUT, REPO_ROOT } from '../apps/api/src/openapi/generator/generate.js';

const started = performance.now();
const { document, files } = await generateOpenApi();
for (const key of Object.keys(OUTPUT) as (keyof typeof OUTPUT)[]) {
  writeFileSync(path.join(REPO_ROOT, OUTPUT[key]), files[key]);
}
const operations = Object.values(document.paths).flatMap((methods) => Object.keys(methods)).length;
const schemas = Object.keys(document.components?.schemas ?? {}).length;
console.log(
  `${operations} operations, ${schemas} schemas → ${Object.values(OUTPUT).join(', ')} ` +
    `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
