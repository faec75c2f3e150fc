import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import type { Definition } from 'ts-json-schema-generator';

export type OpenApiSchema = SchemaObject | ReferenceObject;

/** Keywords that mean the same in JSON Schema draft 7 and in OpenAPI 3.0 and are copied as they are. */
const COPIED = new Set([
  'description',
  'format',
  'default',
  'title',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'required',
]);

const GENERIC = /^(\w+)<(.+)>$/;

/**
 * The component name of a generated type: its own name, or for a page `Page<X>` the name `XPage`. Any other generic
 * instance has no name that reads well, so the type it comes from is asked to name it.
 */
export function componentName(definitionName: string): string {
  const generic = GENERIC.exec(definitionName);
  if (!generic) {
    if (!/^\w+$/.test(definitionName)) throw new Error(`the type ${definitionName} cannot be a schema name`);
    return definitionName;
  }
  const [, base, argument] = generic;
  if (base === 'Page' && /^\w+$/.test(argument!)) return `${argument}Page`;
  throw new Error(`${definitionName} has no readable name: give it one with an exported type alias`);
}

/**
 * Writes a JSON Schema (draft 7, as ts-json-schema-generator makes it) in the dialect of OpenAPI 3.0, which
 * Nest's document uses: `null` becomes `nullable`, `const` an `enum`, type lists `anyOf`, references point into
 * `#/components/schemas`. A keyword without a counterpart stops the generation rather than being dropped.
 */
export function toOpenApiSchema(schema: Definition, where: string): OpenApiSchema {
  if (typeof schema !== 'object' || schema === null) throw new Error(`${where}: a schema that is not an object`);
  const { anyOf, oneOf, type, const: constant, ...rest } = schema;
  const alternatives = anyOf ?? oneOf;
  if (alternatives) {
    if (type !== undefined || constant !== undefined) throw new Error(`${where}: anyOf beside a type`);
    return nullableOf(
      alternatives.map((a, i) => (isJsonNull(a) ? { nullable: true } : toSchema(a, `${where}.anyOf[${i}]`))),
      toOpenApiSchema(rest, where),
    );
  }
  if (Array.isArray(type)) {
    return nullableOf(
      type.map((t) => (t === 'null' ? { nullable: true } : { type: t })),
      toOpenApiSchema({ ...rest, ...(constant === undefined ? {} : { const: constant }) }, where),
    );
  }
  const out: Record<string, unknown> = {};
  if (type === 'null') throw new Error(`${where}: a value that can only be null`);
  if (type !== undefined) out.type = type;
  if (constant !== undefined) out.enum = [constant];
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    if (COPIED.has(key)) out[key] = value;
    else if (key === '$ref') out.$ref = refTo(String(value));
    else if (key === 'enum') Object.assign(out, enumOf(value as unknown[]));
    else if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, Definition>).map(([name, p]) => [name, toSchema(p, `${where}.${name}`)]),
      );
    } else if (key === 'items') {
      if (Array.isArray(value)) throw new Error(`${where}: tuples have no form in OpenAPI 3.0; use an object`);
      out.items = toSchema(value as Definition, `${where}[]`);
    } else if (key === 'additionalProperties') {
      out.additionalProperties =
        typeof value === 'boolean' ? value : toSchema(value as Definition, `${where}.additionalProperties`);
    } else if (key === 'allOf') {
      out.allOf = (value as Definition[]).map((s, i) => toSchema(s, `${where}.allOf[${i}]`));
    } else if (key === 'examples') {
      out.example = (value as unknown[])[0];
    } else {
      throw new Error(`${where}: the keyword ${key} has no counterpart in OpenAPI 3.0`);
    }
  }
  // OpenAPI 3.0 ignores the siblings of a $ref; a description beside one survives inside allOf.
  if (out.$ref !== undefined && Object.keys(out).length > 1) {
    const { $ref, ...siblings } = out;
    return { allOf: [{ $ref: String($ref) }], ...siblings };
  }
  return out;
}

function toSchema(definition: Definition | boolean, where: string): OpenApiSchema {
  if (typeof definition === 'boolean') throw new Error(`${where}: a boolean schema (an unknown or never type)`);
  return toOpenApiSchema(definition, where);
}

function refTo(ref: string): string {
  const prefix = '#/definitions/';
  if (!ref.startsWith(prefix)) throw new Error(`a reference outside the definitions: ${ref}`);
  return `#/components/schemas/${componentName(ref.slice(prefix.length))}`;
}

function enumOf(values: unknown[]): SchemaObject {
  const present = values.filter((v) => v !== null);
  return present.length < values.length ? { enum: present, nullable: true } : { enum: values };
}

/** One of several schemas, with `null` among them written as `nullable` on what is left. */
function nullableOf(alternatives: OpenApiSchema[], annotations: OpenApiSchema): OpenApiSchema {
  const nullable = alternatives.some((a) => isNullOnly(a));
  const rest = alternatives.filter((a) => !isNullOnly(a));
  if (rest.length === 0) throw new Error('a value that can only be null');
  const [only] = rest;
  let merged: OpenApiSchema;
  if (rest.length > 1) merged = { anyOf: rest };
  else if ('$ref' in only!) merged = nullable ? { allOf: [only] } : only;
  else merged = { ...only };
  if (nullable) merged = { ...merged, nullable: true } as SchemaObject;
  const extra = Object.keys(annotations).length > 0;
  if (!extra) return merged;
  if ('$ref' in merged) return { allOf: [merged], ...annotations };
  return { ...merged, ...annotations } as SchemaObject;
}

function isJsonNull(definition: Definition | boolean): boolean {
  return typeof definition === 'object' && definition.type === 'null' && Object.keys(definition).length === 1;
}

function isNullOnly(schema: OpenApiSchema): boolean {
  return !('$ref' in schema) && schema.nullable === true && Object.keys(schema).length === 1;
}
