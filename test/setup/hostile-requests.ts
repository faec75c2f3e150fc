/**
 * Hostile requests derived from the API's own OpenAPI document: junk, NUL-byte and overlong strings
 * in every documented body field and query parameter, tiny and huge numbers, deep nesting, junk ids.
 * Pure: builds descriptions of requests from a document and a seed; the spec sends them.
 */

export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
}

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: OpenApiSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Role = 'admin' | 'liaison' | 'anonymous';

export interface Operation {
  method: Method;
  /** The documented path, e.g. `/api/units/{id}`. */
  path: string;
  key: string;
  operation: OpenApiOperation;
}

export interface Probe {
  role: Role;
  method: Method;
  url: string;
  /** The operation probed, as `method path`. */
  key: string;
  /** Raw request body and its content type. */
  body?: string | Buffer;
  contentType?: string;
  /** What is hostile about it, for the failure list. */
  label: string;
  /**
   * The request must be refused (4xx) and must write nothing: it carries a NUL or another control
   * character where the route reads it (a documented field, query parameter or path parameter), or a
   * body no route accepts (malformed, too deep, of another type, with prototype keys).
   */
  mustRefuse: boolean;
  /** Refused by the body parser or the content-type check, which run before the access guard. */
  beforeGuard?: boolean;
}

const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete'];

/** mulberry32: a small seeded generator, so every run sends the same requests. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) out.push({ method, path, key: `${method} ${path}`, operation });
    }
  }
  return out;
}

function resolve(document: OpenApiDocument, schema: OpenApiSchema | undefined, depth = 0): OpenApiSchema {
  if (!schema || depth > 8) return {};
  if (schema.$ref)
    return resolve(document, document.components?.schemas?.[schema.$ref.split('/').pop() ?? ''], depth + 1);
  return schema;
}

export function jsonBodySchema(document: OpenApiDocument, op: Operation): OpenApiSchema | undefined {
  const schema = op.operation.requestBody?.content?.['application/json']?.schema;
  return schema ? resolve(document, schema) : undefined;
}

/** The form fields of a multipart route (the file among them), or undefined for other routes. */
export function multipartFields(document: OpenApiDocument, op: Operation): string[] | undefined {
  const content = op.operation.requestBody?.content?.['multipart/form-data'];
  return content ? Object.keys(resolve(document, content.schema).properties ?? { file: {} }) : undefined;
}

function pathParameter(op: Operation, name: string): OpenApiSchema {
  return op.operation.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema ?? {};
}

/** A plausible value for a path parameter: its first enum value, a year, a link token or a UUID. */
export function examplePath(op: Operation, random: () => number): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const schema = pathParameter(op, name);
    if (schema.enum?.length) return String(schema.enum[0]);
    if (name === 'year') return '2023';
    if (name === 'token') return 'q3Jx2mZ0c1b6Yl0-4Xk8T1tq1bG9nR2yH5sWv7uPaLd';
    if (name === 'sha256') return 'a'.repeat(64);
    if (name === 'name') return 'reminders';
    return seededUuid(random);
  });
}

export function junkPath(op: Operation, junk: string): string {
  return op.path.replace(/\{[^}]+\}/g, junk);
}

/**
 * A body that passes validation as far as the document tells: examples, first enum values, ids for
 * `…Id` fields, dates for date-like names. A hostile value in one field then reaches the service
 * wherever the rest is acceptable, instead of stopping at a missing required field.
 */
export function baselineValue(
  document: OpenApiDocument,
  name: string,
  raw: OpenApiSchema | undefined,
  random: () => number,
  depth = 0,
): unknown {
  const schema = resolve(document, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.properties) return depth > 3 ? {} : baselineBody(document, schema, random, depth + 1);
  switch (schema.type) {
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return schema.items && depth <= 3 ? [baselineValue(document, name, schema.items, random, depth + 1)] : [];
    case 'object':
      return {};
    default:
      if (/(^id$|Id$)/.test(name)) return seededUuid(random);
      if (/At$|Until$/.test(name) || schema.format === 'date-time') return '2023-04-20T17:00:00+08:00';
      if (/[Dd]ate$/.test(name) || schema.format === 'date') return '2023-04-20';
      return '探针';
  }
}

export function baselineBody(
  document: OpenApiDocument,
  schema: OpenApiSchema,
  random: () => number,
  depth = 0,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {}))
    body[name] = baselineValue(document, name, property, random, depth);
  return body;
}

/** One hostile value written into a body as raw JSON text (1e309 cannot pass through JSON.stringify). */
export interface HostileValue {
  label: string;
  json: string;
  control: boolean;
}

const value = (label: string, json: string, control = false): HostileValue => ({ label, json, control });
const NUL_TEXT = value('NUL in text', JSON.stringify('报送\u0000内容'), true);

/**
 * Values tried in a documented field, by its declared type: `all` for the admin's pass, `few` for
 * the other roles. Text gets NUL (and, in the admin's pass, another control character picked by the
 * seed), overlong text and SQL; numbers a tiny decimal, an overflow and a NUL string; booleans, arrays
 * and objects a value of the wrong shape or a NUL inside.
 */
export const FIELD_VALUES: Record<
  'text' | 'number' | 'boolean' | 'array' | 'object',
  { all: HostileValue[]; few: HostileValue[] }
> = {
  text: {
    all: [
      NUL_TEXT,
      value('overlong text', JSON.stringify('长'.repeat(12_000))),
      value('SQL in text', JSON.stringify("'; DROP TABLE units; --")),
    ],
    few: [NUL_TEXT],
  },
  number: {
    all: [value('-1e-7', '-1e-7'), value('1e309', '1e309'), value('huge integer', '99999999999999999999'), NUL_TEXT],
    few: [value('-1e-7', '-1e-7')],
  },
  boolean: { all: [NUL_TEXT, value('object for a boolean', '{}')], few: [] },
  array: {
    all: [
      value('NUL in an array', JSON.stringify(['\u0000']), true),
      value('-1e-7 in an array', '[-1e-7]'),
      value('object for an array', '{"0":"x"}'),
    ],
    few: [value('NUL in an array', JSON.stringify(['\u0000']), true)],
  },
  object: {
    all: [value('NUL in an object', JSON.stringify({ k: '\u0000' }), true), value('array for an object', '[1]')],
    few: [value('NUL in an object', JSON.stringify({ k: '\u0000' }), true)],
  },
};

export type Intensity = 'all' | 'few';

/** The other refused control characters; the admin's pass puts one of them, picked by the seed, in each text field. */
const OTHER_CONTROLS = ['\u0001', '\u0008', '\u000B', '\u000C', '\u000E', '\u001F', '\u007F'];

function otherControl(random: () => number): HostileValue {
  const c = OTHER_CONTROLS[Math.floor(random() * OTHER_CONTROLS.length)]!;
  return value(
    `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} in text`,
    JSON.stringify(`a${c}b`),
    true,
  );
}

function kindOf(document: OpenApiDocument, raw: OpenApiSchema): keyof typeof FIELD_VALUES {
  const schema = resolve(document, raw);
  if (schema.properties || (schema.type === 'object' && !raw.$ref)) return 'object';
  if (schema.type === 'array') return 'array';
  if (schema.type === 'number' || schema.type === 'integer') return 'number';
  if (schema.type === 'boolean') return 'boolean';
  return 'text';
}

/**
 * Bodies sent to every route that takes JSON, whatever its fields. `refused`: no route may accept
 * it (`object`: not where the body is an object); `beforeGuard`: the parser or the content-type
 * check refuses it before the token is looked at, so an anonymous caller gets that answer, not a 401.
 */
export const GENERIC_BODIES: Array<{
  label: string;
  body: string;
  contentType?: string;
  refused?: 'always' | 'object';
  beforeGuard?: boolean;
}> = [
  { label: 'malformed JSON', body: '{"a":', refused: 'always', beforeGuard: true },
  { label: 'empty object', body: '{}' },
  { label: 'array for an object', body: '[{"a":1}]', refused: 'object' },
  { label: 'string body', body: '"x"', refused: 'always', beforeGuard: true },
  { label: '__proto__ key', body: '{"__proto__":{"isAdmin":true},"a":1}', refused: 'always' },
  { label: 'constructor key', body: '{"constructor":{"prototype":{"isAdmin":true}}}', refused: 'always' },
  { label: 'NUL in a key', body: '{"a\\u0000b":1}', refused: 'always' },
  { label: 'JSON 40 deep', body: '{"a":'.repeat(40) + '1' + '}'.repeat(40), refused: 'always', beforeGuard: true },
  {
    label: 'JSON 5,000 deep',
    body: '{"a":'.repeat(2_500) + '[{"b":'.repeat(1_250) + '1' + '}]'.repeat(1_250) + '}'.repeat(2_500),
    refused: 'always',
    beforeGuard: true,
  },
  { label: 'text/plain body', body: 'hello', contentType: 'text/plain', refused: 'always', beforeGuard: true },
  {
    label: 'form body',
    body: 'a=1&b=%00',
    contentType: 'application/x-www-form-urlencoded',
    refused: 'always',
    beforeGuard: true,
  },
  {
    label: 'binary junk',
    body: '\u0000\u00ff\u00fe',
    contentType: 'application/json',
    refused: 'always',
    beforeGuard: true,
  },
];

export const JUNK_IDS: Array<{ label: string; segment: string; control: boolean }> = [
  { label: "'; DROP", segment: encodeURIComponent("'; DROP TABLE units; --") },
  { label: '%00', segment: '%00', control: true },
  { label: '../', segment: '..%2F..%2Fetc%2Fpasswd' },
  { label: 'not a number', segment: '99999999999999999999' },
  { label: 'bad percent-encoding', segment: '%E0%A4%A' },
  { label: '100 KB', segment: 'x'.repeat(100_000) },
].map((j) => ({ control: false, ...j }));

export const JUNK_QUERIES: string[] = [
  'q=%00',
  "text=%00'--",
  'q=%25%5F%5C&page=-1&pageSize=1e9',
  'page=1e309&from=2023-02-30&__proto__[x]=1&q=1&q=2',
];

function withField(base: Record<string, unknown>, name: string, json: string): string {
  const rest = { ...base };
  delete rest[name];
  const head = JSON.stringify(rest);
  return head === '{}' ? `{${JSON.stringify(name)}:${json}}` : `${head.slice(0, -1)},${JSON.stringify(name)}:${json}}`;
}

/**
 * Body probes of one JSON route: each documented field with the hostile values of its type, on an
 * otherwise plausible body, and the fields of arrays of objects with their NUL and tiny-decimal values.
 */
export function bodyProbes(
  document: OpenApiDocument,
  op: Operation,
  random: () => number,
  intensity: Intensity,
): Array<{ label: string; body: string; control: boolean }> {
  const schema = jsonBodySchema(document, op);
  const out: Array<{ label: string; body: string; control: boolean }> = [];
  if (!schema?.properties) return out;
  const base = baselineBody(document, schema, random);
  for (const [name, property] of Object.entries(schema.properties)) {
    const kind = kindOf(document, property);
    const values =
      kind === 'text' && intensity === 'all'
        ? [...FIELD_VALUES.text.all, otherControl(random)]
        : FIELD_VALUES[kind][intensity];
    for (const hostile of values)
      out.push({
        label: `${name}: ${hostile.label}`,
        body: withField(base, name, hostile.json),
        control: hostile.control,
      });
    const items = resolve(document, resolve(document, property).items);
    if (!items.properties) continue;
    const item = baselineBody(document, items, random, 1);
    for (const [inner, innerSchema] of Object.entries(items.properties)) {
      for (const hostile of FIELD_VALUES[kindOf(document, innerSchema)].few) {
        const list = `[${withField(item, inner, hostile.json)}]`;
        out.push({
          label: `${name}[0].${inner}: ${hostile.label}`,
          body: withField(base, name, list),
          control: hostile.control,
        });
      }
    }
  }
  return out;
}

/**
 * `filename="…"` as browsers send it; a name with control characters goes as RFC 5987
 * `filename*=UTF-8''…` instead, which multipart parsers decode (raw control bytes in a part header
 * are refused by the parser before the application sees them).
 */
function fileNameParameter(filename: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(filename)
    ? `filename*=UTF-8''${encodeURIComponent(filename)}`
    : `filename="${filename}"`;
}

/** A multipart body written by hand, so the file name goes over the wire exactly as given (NUL included). */
export function multipartBody(
  parts: Array<{ name: string; value: string | Buffer; filename?: string; contentType?: string }>,
): { body: Buffer; contentType: string } {
  const boundary = '----kc-hostile-probe-boundary';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; ${fileNameParameter(part.filename)}` : ''}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.contentType ? `Content-Type: ${part.contentType}\r\n` : ''}\r\n`;
    chunks.push(
      Buffer.from(head, 'utf8'),
      Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value, 'utf8'),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The smallest file the evidence store takes for a PDF. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

export const HOSTILE_FILE_NAMES: Array<{ label: string; filename: string; control: boolean }> = [
  { label: 'NUL in the file name', filename: '佐证\u0000材料.pdf', control: true },
  { label: 'U+0007 in the file name', filename: 'bell\u0007.pdf', control: true },
  { label: 'path in the file name', filename: '../../../etc/passwd.pdf', control: false },
  { label: 'overlong file name', filename: `${'名'.repeat(5_000)}.pdf`, control: false },
];

export function multipartProbes(
  multipartFields: string[],
): Array<{ label: string; body: Buffer; contentType: string; control: boolean }> {
  const out: Array<{ label: string; body: Buffer; contentType: string; control: boolean }> = [];
  for (const name of HOSTILE_FILE_NAMES) {
    const { body, contentType } = multipartBody([
      { name: 'file', value: TINY_PDF, filename: name.filename, contentType: 'application/pdf' },
    ]);
    out.push({ label: name.label, body, contentType, control: name.control });
  }
  for (const field of multipartFields.filter((f) => f !== 'file')) {
    const { body, contentType } = multipartBody([
      { name: field, value: '原因\u0000' },
      { name: 'file', value: TINY_PDF, filename: 'ok.pdf', contentType: 'application/pdf' },
    ]);
    out.push({ label: `${field}: NUL in a form field`, body, contentType, control: true });
  }
  const { body, contentType } = multipartBody([
    { name: 'fi\u0000le', value: TINY_PDF, filename: 'ok.pdf', contentType: 'application/pdf' },
  ]);
  out.push({ label: 'NUL in the part name', body, contentType, control: false });
  return out;
}

export function queryParameters(op: Operation): string[] {
  return (op.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
}

/** How hard each caller is probed: the admin reaches every route past the guard, so it gets everything. */
interface RolePlan {
  ids: string[] | 'all';
  queryValues: string[];
  junkQueries: number;
  fields: Intensity | 'first';
  generic: string[] | 'all';
  files: string[] | 'all';
}

const QUERY_VALUES = ['值\u0000', '1e309', '-1e-7', "'; DROP TABLE units; --"];

const ROLE_PLANS: Record<Role, RolePlan> = {
  admin: {
    ids: 'all',
    queryValues: QUERY_VALUES,
    junkQueries: JUNK_QUERIES.length,
    fields: 'all',
    generic: 'all',
    files: 'all',
  },
  liaison: {
    ids: ['%00', "'; DROP"],
    queryValues: QUERY_VALUES.slice(0, 1),
    junkQueries: 2,
    fields: 'few',
    generic: ['NUL in a key', 'JSON 5,000 deep'],
    files: ['NUL in the file name', 'path in the file name'],
  },
  // The guard refuses these before anything else runs: one of each kind shows it does so for hostile input too.
  anonymous: {
    ids: ['%00'],
    queryValues: QUERY_VALUES.slice(0, 1),
    junkQueries: 1,
    fields: 'first',
    generic: ['JSON 5,000 deep'],
    files: ['NUL in the file name'],
  },
};

const pick = <T extends { label: string }>(items: T[], chosen: string[] | 'all'): T[] =>
  chosen === 'all' ? items : items.filter((i) => chosen.includes(i.label));

/**
 * Routes that can end the caller's session go last, logout the very last: a probe that succeeds
 * there must not cut the other probes short.
 */
export function sessionRank(op: Operation): number {
  if (!op.path.startsWith('/api/auth/')) return 0;
  return op.path === '/api/auth/logout' ? 2 : 1;
}

export interface PlanOptions {
  /** Routes whose probes should reach real records (an upload to an existing report) instead of a random id. */
  realPaths?: Record<string, string>;
  /** Operations a caller is refused by role before any input is read: probing them further shows nothing. */
  refusedByRole?: (role: Role, key: string) => boolean;
}

/** Every probe for every operation and caller, in a fixed order from a seed. */
export function probePlan(
  document: OpenApiDocument,
  seed: number,
  { realPaths = {}, refusedByRole = () => false }: PlanOptions = {},
): Probe[] {
  const random = seededRandom(seed);
  const out: Probe[] = [];
  const operations = operationsOf(document).sort((a, b) => sessionRank(a) - sessionRank(b));
  for (const op of operations) {
    const example = examplePath(op, random);
    const takesJson = Boolean(op.operation.requestBody?.content?.['application/json']);
    const form = multipartFields(document, op);
    const params = queryParameters(op);
    for (const role of ['admin', 'liaison', 'anonymous'] as const) {
      if (refusedByRole(role, op.key)) continue;
      const plan = ROLE_PLANS[role];
      const add = (
        url: string,
        label: string,
        mustRefuse: boolean,
        body?: string | Buffer,
        contentType?: string,
        beforeGuard = false,
      ) => out.push({ role, method: op.method, url, key: op.key, label, mustRefuse, body, contentType, beforeGuard });
      if (op.path.includes('{')) {
        for (const junk of pick(JUNK_IDS, plan.ids))
          add(junkPath(op, junk.segment), `id ${junk.label}`, junk.control, takesJson ? '{}' : undefined);
      }
      for (const param of params) {
        for (const value of plan.queryValues)
          add(
            `${example}?${param}=${encodeURIComponent(value)}`,
            `?${param}=${value.slice(0, 24)}`,
            value.includes('\u0000'),
          );
      }
      if (op.method === 'get')
        for (const query of JUNK_QUERIES.slice(0, plan.junkQueries)) add(`${example}?${query}`, `?${query}`, false);
      if (takesJson) {
        const fields = bodyProbes(document, op, random, plan.fields === 'all' ? 'all' : 'few');
        for (const probe of plan.fields === 'first' ? fields.slice(0, 1) : fields)
          add(
            example,
            probe.body.length > 200 ? probe.label : `${probe.label} ${probe.body}`,
            probe.control,
            probe.body,
          );
        const objectBody = Boolean(jsonBodySchema(document, op)?.properties);
        for (const generic of pick(GENERIC_BODIES, plan.generic)) {
          const refused = generic.refused === 'always' || (generic.refused === 'object' && objectBody);
          add(example, generic.label, refused, generic.body, generic.contentType, generic.beforeGuard);
        }
      }
      if (form)
        for (const probe of pick(multipartProbes(form), plan.files))
          add(realPaths[op.key] ?? example, probe.label, probe.control, probe.body, probe.contentType);
      // Routes that document no input at all still get a body they must ignore.
      if (!op.path.includes('{') && !takesJson && !form && params.length === 0 && op.method !== 'get')
        add(example, 'NUL in an undocumented body', false, '{"x":"\\u0000"}');
    }
  }
  return out;
}
