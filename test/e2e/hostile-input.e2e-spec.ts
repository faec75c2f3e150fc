import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { pinoHttp } from 'pino-http';
import request from 'supertest';
import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ErrorFilter } from '../../apps/api/src/http/error.filter.js';
import { requestLogRedaction } from '../../apps/api/src/http/log-redaction.js';
import { firstFundProject } from '../factories/funds.js';
import { assignmentOf, periodOf, planByDocNumber } from '../factories/plans.js';
import { evidenceCount, reportTexts } from '../factories/reporting.js';
import { rowCounts } from '../factories/tables.js';
import { startApi, type TestApi } from '../setup/api.js';
import {
  examplePath,
  multipartBody,
  type OpenApiDocument,
  operationsOf,
  type Operation,
  type Probe,
  probePlan,
  type Role,
  seededRandom,
  sessionRank,
  TINY_PDF,
} from '../setup/hostile-requests.js';

/** Every route that answers without a token; each is a decision (see `@Public`), so the list is spelled out. */
const PUBLIC_ROUTES = new Set([
  'get /health',
  'post /api/auth/login',
  'post /api/auth/refresh',
  'get /api/public/surveys/{token}',
  'post /api/public/surveys/{token}/responses',
]);

const SEED = 20230410;
const CONCURRENCY = 4;
const LINK_TOKEN = 'q3Jx2mZ0c1b6Yl0-4Xk8T1tq1bG9nR2yH5sWv7uPaLd';

interface Answer {
  status: number;
  body: unknown;
}

describe('hostile input', () => {
  let api: TestApi;
  let server: Server;
  let base: string;
  let document: OpenApiDocument;
  let operations: Operation[];
  const tokens: Partial<Record<Role, string>> = {};
  let reportId: string;
  let planId: string;
  let fundProjectId: string;
  let subject: { periodId: string; subjectId: string };

  const http = () => request(base);

  /** Exact row counts of every table the API writes, to show refused requests wrote nothing. */
  const tableCounts = () => rowCounts(api.db);

  /** fetch keeps connections alive across probes, where supertest would open one per request. */
  const send = async (probe: Probe): Promise<Answer> => {
    const headers: Record<string, string> = {};
    const token = tokens[probe.role];
    if (token) headers.authorization = token;
    if (probe.body !== undefined) headers['content-type'] = probe.contentType ?? 'application/json';
    try {
      const res = await fetch(`${base}${probe.url}`, { method: probe.method.toUpperCase(), headers, body: probe.body });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body };
    } catch (error) {
      return { status: 599, body: String(error) };
    }
  };

  /** Sends the probes a few at a time and returns each with its answer, in the order given. */
  const run = async (probes: Probe[]): Promise<Array<{ probe: Probe; answer: Answer }>> => {
    const results: Array<{ probe: Probe; answer: Answer }> = new Array(probes.length);
    let next = 0;
    const worker = async () => {
      while (next < probes.length) {
        const i = next++;
        results[i] = { probe: probes[i]!, answer: await send(probes[i]!) };
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return results;
  };

  const describeResult = ({ probe, answer }: { probe: Probe; answer: Answer }) =>
    `${probe.role} ${probe.key} [${probe.label}] → ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`;

  let webDir: string;

  beforeAll(async () => {
    // A stand-in for the built web app, to see its static files keep their caching.
    webDir = mkdtempSync(path.join(tmpdir(), 'kc-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(
      path.join(webDir, 'index.html'),
      '<!doctype html><script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(path.join(webDir, 'assets', 'app.js'), 'export {};');
    const previous = process.env.WEB_DIR;
    process.env.WEB_DIR = webDir;
    try {
      api = await startApi();
    } finally {
      if (previous === undefined) delete process.env.WEB_DIR;
      else process.env.WEB_DIR = previous;
    }
    server = api.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    document = (await http().get('/api/docs-json').expect(200)).body;
    operations = operationsOf(document);
    tokens.admin = await api.login('admin');
    tokens.liaison = await api.login('gz-kx');

    planId = await planByDocNumber(api.db, '赣市科赋字');
    subject = { periodId: await periodOf(api.db, planId, 2023, 4), subjectId: await assignmentOf(api.db, 'GZ-KX', 28) };
    const draft = await http()
      .put('/api/reports')
      .set('Authorization', tokens.liaison)
      .send({ ...subject, subjectType: 'assignment', narrative: '已组织对接活动。' })
      .expect(200);
    reportId = draft.body.id;
    fundProjectId = await firstFundProject(api.db);
  });
  afterAll(async () => {
    await api.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  describe('each input that answered 500 before', () => {
    it('refuses a NUL byte in the login name (a public route) with a 400 naming the field', async () => {
      const res = await http().post('/api/auth/login').send({ username: 'ad\u0000min', password: 'Demo@2023' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        details: [{ field: 'username', reason: '含有不允许的控制字符' }],
      });
    });

    it.each([
      ['/api/units', 'q'],
      ['/api/users', 'q'],
      ['/api/audit', 'text'],
    ])('refuses a NUL byte in the search of %s', async (path, param) => {
      const res = await http().get(`${path}?${param}=%00`).set('Authorization', tokens.admin!);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: param, reason: '含有不允许的控制字符' }]);
    });

    it('refuses a NUL byte in a report text and keeps the draft as it was', async () => {
      const before = await reportTexts(api.db, reportId);
      const res = await http()
        .put('/api/reports')
        .set('Authorization', tokens.liaison!)
        .send({
          ...subject,
          subjectType: 'assignment',
          version: 1,
          narrative: '进展\u0000',
          problems: 'ok',
          values: [{ indicatorId: subject.subjectId, textValue: 'x\u0007' }],
        });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        { field: 'narrative', reason: '含有不允许的控制字符' },
        { field: 'values.0.textValue', reason: '含有不允许的控制字符' },
      ]);
      expect(await reportTexts(api.db, reportId)).toEqual(before);
    });

    it('refuses JSON nested 5,000 deep on the public questionnaire before transforming it', async () => {
      const deep = '{"answers":' + '['.repeat(5_000) + ']'.repeat(5_000) + '}';
      const res = await http()
        .post(`/api/public/surveys/${LINK_TOKEN}/responses`)
        .set('Content-Type', 'application/json')
        .send(deep);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, message: '请求体嵌套层级过深', details: [{ field: 'body' }] });
    });

    it('refuses -1e-7 where two decimals are allowed, with the limit in the reason', async () => {
      const report = await http()
        .put('/api/reports')
        .set('Authorization', tokens.liaison!)
        .set('Content-Type', 'application/json')
        .send(
          `{"periodId":"${subject.periodId}","subjectType":"assignment","subjectId":"${subject.subjectId}","version":1,"completionPercent":-1e-7}`,
        );
      expect(report.status).toBe(400);
      expect(report.body.details).toContainEqual({ field: 'completionPercent', reason: '必须是数字（最多 2 位小数）' });

      const office = await api.login('nc-office');
      const survey = await http()
        .post(`/api/fund-projects/${fundProjectId}/surveys`)
        .set('Authorization', office)
        .send({
          title: '满意度调查',
          questions: ['是否满意？'],
          options: [
            { label: '满意', weight: 100 },
            { label: '不满意', weight: -1e-7 },
          ],
        });
      expect(survey.status).toBe(400);
      expect(survey.body.details).toContainEqual({ field: 'options.1.weight', reason: '必须是数字（最多 2 位小数）' });
    });

    it('still takes two decimals and a deep-enough body', async () => {
      const res = await http()
        .put('/api/reports')
        .set('Authorization', tokens.liaison!)
        .send({
          ...subject,
          subjectType: 'assignment',
          version: 1,
          completionPercent: 12.34,
          narrative: '第一行\n\t第二行',
        });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ completionPercent: '12.34', version: 2 });
    });

    it('refuses a NUL byte in an uploaded file name and stores no file', async () => {
      const before = await evidenceCount(api.db);
      const { body, contentType } = multipartBody([
        { name: 'file', value: TINY_PDF, filename: '佐证\u0000材料.pdf', contentType: 'application/pdf' },
      ]);
      const res = await http()
        .post(`/api/reports/${reportId}/evidence`)
        .set('Authorization', tokens.liaison!)
        .set('Content-Type', contentType)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'file', reason: '文件名含有不允许的控制字符' }]);
      expect(await evidenceCount(api.db)).toBe(before);
    });
  });

  describe('the error filter', () => {
    it.each([
      ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
      ['22P05', 'unsupported Unicode escape sequence'],
    ])('answers PostgreSQL %s (NUL that reached a query another way) with a 400, not a 500', (code, message) => {
      const answer: { status?: number; body?: unknown } = {};
      const response = {
        headersSent: false,
        status: (s: number) => ((answer.status = s), response),
        json: (b: unknown) => ((answer.body = b), response),
      };
      const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
      new ErrorFilter().catch(
        new QueryFailedError('SELECT $1', ['\u0000'], Object.assign(new Error(message), { code })),
        host,
      );
      expect(answer).toEqual({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: '提交的内容含有不允许的字符', details: [] },
      });
    });
  });

  describe('bodies of the wrong shape', () => {
    it.each([
      [
        'text/plain',
        'hello',
        415,
        [{ field: 'Content-Type', reason: '请使用 application/json（上传文件用 multipart/form-data）' }],
      ],
      [
        'application/x-www-form-urlencoded',
        'code=X&name=%00',
        415,
        [{ field: 'Content-Type', reason: '请使用 application/json（上传文件用 multipart/form-data）' }],
      ],
      ['application/json', '{"code":', 400, []],
      ['application/json', '"x"', 400, []],
      ['application/json', '{"__proto__":{"isAdmin":true}}', 400, [{ field: '__proto__', reason: '不允许的字段名' }]],
      [
        'application/json',
        '{"constructor":{"prototype":{"isAdmin":true}}}',
        400,
        [{ field: 'constructor', reason: '不允许的字段名' }],
      ],
    ])('refuses %s %s with %i', async (type, raw, status, details) => {
      const res = await http()
        .post('/api/units')
        .set('Authorization', tokens.admin!)
        .set('Content-Type', type)
        .send(raw);
      expect(res.status).toBe(status);
      if (details.length > 0) expect(res.body.details).toEqual(details);
    });

    it('takes a POST without a body, as browsers send it (Content-Length: 0, no type)', async () => {
      const res = await fetch(`${base}/api/inbox/read-all`, {
        method: 'POST',
        headers: { authorization: tokens.admin! },
      });
      expect(res.status).toBeLessThan(300);
    });

    it.each([
      ['an array for the object', '[{"code":"X"}]'],
      ['1e309 for a number', '{"code":"TEST-1","name":"测试单位","kind":"department","sortOrder":1e309}'],
    ])('refuses %s', async (_, raw) => {
      const res = await http()
        .post('/api/units')
        .set('Authorization', tokens.admin!)
        .set('Content-Type', 'application/json')
        .send(raw);
      expect(res.status).toBe(400);
    });
  });

  describe('headers', () => {
    it('forbids inline scripts but keeps inline styles for Ant Design', async () => {
      const csp = (await http().get('/health')).headers['content-security-policy'] as string;
      const directive = (name: string) =>
        csp
          .split(';')
          .map((d) => d.trim())
          .find((d) => d.startsWith(`${name} `));
      expect(directive('script-src')).toBe("script-src 'self'");
      expect(directive('style-src')).toBe("style-src 'self' 'unsafe-inline'");
    });

    it.each([
      ['an answer', '/api/units', true, 200],
      ['an error', '/api/units/not-an-id', true, 400],
      ['a refusal', '/api/units', false, 401],
      ['an unknown route', '/api/nothing-here', false, 404],
    ])('marks %s of the API no-store', async (_, path, signedIn, status) => {
      const req = http().get(path);
      const res = await (signedIn ? req.set('Authorization', tokens.admin!) : req);
      expect(res.status).toBe(status);
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it("leaves the web app's static files to their own caching", async () => {
      expect((await http().get('/assets/app.js')).headers['cache-control']).toBe('public, max-age=3600');
      expect((await http().get('/reports').set('Accept', 'text/html')).headers['cache-control']).toBe('no-cache');
    });
  });

  describe('request logs', () => {
    it('write no token, cookie, survey link or password', async () => {
      const lines: string[] = [];
      const stream = new PassThrough();
      stream.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
      const app = express();
      app.use(pinoHttp({ ...requestLogRedaction, level: 'info' }, stream));
      app.get(/.*/, (_req, res) => {
        res.setHeader('Set-Cookie', 'kc_queue_board=cookie-secret; HttpOnly');
        res.json({ ok: true });
      });
      await request(app)
        .get(`/api/public/surveys/${LINK_TOKEN}?access_token=query-secret&password=pw-secret&page=2`)
        .set('Authorization', 'Bearer header-secret')
        .set('Cookie', 'kc_queue_board=cookie-secret')
        .expect(200);
      const log = lines.join('');
      expect(log).toContain('"statusCode":200');
      expect(log).toContain('page=2');
      for (const secret of ['header-secret', 'cookie-secret', 'query-secret', 'pw-secret', LINK_TOKEN])
        expect(log).not.toContain(secret);
    });
  });

  describe('probe from the OpenAPI document', () => {
    /** Operations the liaison's role may not call at all (403 from the guard on a plain request). */
    let liaisonRefused: Set<string>;
    const probesOf = (phase: 'refuse' | 'rest'): Probe[] =>
      probePlan(document, SEED, {
        realPaths: {
          'post /api/reports/{id}/evidence': `/api/reports/${reportId}/evidence`,
          'post /api/plans/{id}/imports/{kind}': `/api/plans/${planId}/imports/tasks`,
          'post /api/fund-projects/{id}/imports/actuals': `/api/fund-projects/${fundProjectId}/imports/actuals`,
        },
        refusedByRole: (role, key) => role === 'liaison' && liaisonRefused.has(key),
      }).filter((p) => (phase === 'refuse') === p.mustRefuse);

    beforeAll(async () => {
      const random = seededRandom(SEED);
      // Session routes are left out: a plain logout would end the liaison's session before the probes.
      const routes = operations.filter((op) => sessionRank(op) === 0);
      const plain = await run(
        routes.map((op) => ({
          role: 'liaison' as const,
          method: op.method,
          url: examplePath(op, random),
          key: op.key,
          label: 'plain',
          mustRefuse: false,
        })),
      );
      liaisonRefused = new Set(plain.filter((r) => r.answer.status === 403).map((r) => r.probe.key));
    });

    it('refuses every control character that reaches a route and every body no route takes, writing nothing', async () => {
      const probes = probesOf('refuse');
      expect(probes.length).toBeGreaterThan(1_000);
      const before = await tableCounts();
      const results = await run(probes);
      const after = await tableCounts();
      const accepted = results.filter((r) => r.answer.status < 400 || r.answer.status >= 500).map(describeResult);
      expect(accepted).toEqual([]);
      expect(after).toEqual(before);
      // Anonymous requests are refused for want of a token, whatever they carry, except on public
      // routes and where the body parser refuses the body first.
      const anonymous = results.filter(
        (r) =>
          r.probe.role === 'anonymous' &&
          !PUBLIC_ROUTES.has(r.probe.key) &&
          !r.probe.beforeGuard &&
          r.answer.status !== 401 &&
          r.answer.status !== 431,
      );
      expect(anonymous.map(describeResult)).toEqual([]);
    }, 120_000);

    it('answers no hostile request with a 5xx, and no route but the public ones without a token', async () => {
      const probes = probesOf('rest');
      expect(probes.length).toBeGreaterThan(1_500);
      const results = await run(probes);
      expect(results.filter((r) => r.answer.status >= 500).map(describeResult)).toEqual([]);
      const open = results.filter(
        (r) => r.probe.role === 'anonymous' && r.answer.status < 400 && !PUBLIC_ROUTES.has(r.probe.key),
      );
      expect(open.map(describeResult)).toEqual([]);
      // Signed-in probes kept their sessions (session routes come last), so every other route was reached past the guard.
      const lostSession = results.filter(
        (r) => r.probe.role !== 'anonymous' && r.answer.status === 401 && !r.probe.key.includes('/api/auth/'),
      );
      expect(lostSession.map(describeResult)).toEqual([]);
    }, 120_000);

    it('opens exactly the public routes without a token', async () => {
      const random = seededRandom(SEED);
      const answers = await run(
        operations.map((op) => ({
          role: 'anonymous' as const,
          method: op.method,
          url: examplePath(op, random),
          key: op.key,
          label: 'plain',
          mustRefuse: false,
        })),
      );
      const open = answers.filter((r) => r.answer.status !== 401).map((r) => r.probe.key);
      expect(new Set(open)).toEqual(PUBLIC_ROUTES);
    });
  });
});
