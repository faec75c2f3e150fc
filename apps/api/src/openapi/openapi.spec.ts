import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { OperationObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { type GeneratedOpenApi, generateOpenApi, OUTPUT, REPO_ROOT } from './generator/generate.js';

/** The API's contract, made again from the code in memory and held against the files `npm run openapi` wrote. */
describe('the OpenAPI document', () => {
  let generated: GeneratedOpenApi;
  const operations = (): [string, OperationObject][] =>
    Object.entries(generated.document.paths).flatMap(([route, methods]) =>
      Object.entries(methods as Record<string, OperationObject>).map(([method, op]): [string, OperationObject] => [
        `${method.toUpperCase()} ${route}`,
        op,
      ]),
    );

  beforeAll(async () => {
    generated = await generateOpenApi();
  }, 180_000);

  it('is what `npm run openapi` last wrote', () => {
    const stale = (Object.keys(OUTPUT) as (keyof typeof OUTPUT)[])
      .filter((key) => readFileSync(path.join(REPO_ROOT, OUTPUT[key]), 'utf8') !== generated.files[key])
      .map((key) => OUTPUT[key]);
    if (stale.length > 0) {
      throw new Error(`${stale.join(' and ')} no longer match the code: run npm run openapi and commit the result`);
    }
  });

  it('types the success response of every operation', () => {
    const untyped: string[] = [];
    for (const [name, op] of operations()) {
      const success = Object.entries(op.responses).filter(([code]) => /^2\d\d$/.test(code));
      expect(success).toHaveLength(1);
      const [code, response] = success[0] as [string, ResponseObject];
      if (code === '204') {
        expect(response.content).toBeUndefined();
        continue;
      }
      const content = Object.entries(response.content ?? {});
      if (content.length === 0) untyped.push(name);
      for (const [type, media] of content) {
        const schema = media.schema as SchemaObject & ReferenceObject;
        if (type === 'application/json') {
          if (!schema || Object.keys(schema).every((k) => k === 'description')) untyped.push(`${name} ${type}`);
        } else if (schema?.format !== 'binary') untyped.push(`${name} ${type}`);
      }
    }
    expect(untyped).toEqual([]);
    expect(operations().length).toBeGreaterThan(100);
  });

  it('answers every failure with the shared error body', () => {
    const components = generated.document.components!;
    const errorBody = (response: ResponseObject | ReferenceObject | undefined): boolean => {
      const resolved =
        response && '$ref' in response
          ? components.responses?.[response.$ref.replace('#/components/responses/', '')]
          : response;
      const schema = resolved && 'content' in resolved ? resolved.content?.['application/json']?.schema : undefined;
      return schema !== undefined && '$ref' in schema && schema.$ref === '#/components/schemas/ErrorBody';
    };
    const elsewhere = operations().flatMap(([name, op]) =>
      Object.entries(op.responses)
        .filter(([code, response]) => !/^2\d\d$/.test(code) && !errorBody(response))
        .map(([code]) => `${name} ${code}`),
    );
    expect(elsewhere).toEqual([]);
    expect(components.schemas!.ErrorBody).toMatchObject({
      required: ['statusCode', 'error', 'message', 'details'],
    });
  });

  it('leaves no value untyped but the free-form JSON the code keeps as such', () => {
    // Each is `unknown` or `Record<string, unknown>` in its type, on purpose: a new one fails here.
    const freeForm = [
      'FieldChange.after', // a cell's new value in an import preview, of whatever kind the cell holds
      'FieldChange.before',
      'FundEvaluationView.platformInputs{}', // the platform data an evaluation used, kept as it was
    ];
    const found: string[] = [];
    const visit = (schema: unknown, where: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const s = schema as SchemaObject & ReferenceObject;
      const typing = Object.keys(s).filter((k) => !['description', 'example', 'default', 'nullable'].includes(k));
      if (typing.length === 0) found.push(where);
      for (const [name, property] of Object.entries(s.properties ?? {})) visit(property, `${where}.${name}`);
      if (s.items) visit(s.items, `${where}[]`);
      if (typeof s.additionalProperties === 'object') visit(s.additionalProperties, `${where}{}`);
      for (const [i, part] of [...(s.anyOf ?? []), ...(s.allOf ?? []), ...(s.oneOf ?? [])].entries()) {
        visit(part, `${where}|${i}`);
      }
    };
    for (const [name, schema] of Object.entries(generated.document.components!.schemas!)) visit(schema, name);
    for (const [name, op] of operations()) {
      for (const [code, response] of Object.entries(op.responses)) {
        const json = (response as ResponseObject).content?.['application/json']?.schema;
        if (json) visit(json, `${name} ${code}`);
      }
    }
    expect(found.sort()).toEqual(freeForm);
  });

  it('names each schema after its type', () => {
    const names = Object.keys(generated.document.components!.schemas!);
    expect(names).toEqual(expect.arrayContaining(['TaskView', 'UserViewPage', 'AssessmentScheme', 'DomainScheme']));
    expect(names.filter((n) => !/^[A-Z][A-Za-z0-9]*$/.test(n))).toEqual([]);
  });
});
