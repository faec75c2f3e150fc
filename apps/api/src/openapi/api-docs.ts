import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * Serves the API's OpenAPI document at /api/docs (and as JSON at /api/docs-json) as `npm run openapi` wrote it from
 * the code: the typed responses come from the TypeScript compiler, which the server does not carry. A unit spec
 * fails when the file is older than the code; the build copies it beside this module.
 */
export function serveApiDocs(app: INestApplication): void {
  const document: OpenAPIObject = JSON.parse(readFileSync(new URL('./openapi.json', import.meta.url), 'utf8'));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
