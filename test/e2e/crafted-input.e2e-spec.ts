import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '../../src/access/actor';
import { RouteRules } from '../../src/access/route-rules';
import { MAX_BODY_DEPTH } from '../../src/common/validation/json-body';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';

/* eslint-disable @typescript-eslint/no-explicit-any -- the OpenAPI document is read as plain JSON */

/**
 * Crafted input against every route of the OpenAPI document (issue 22): a NUL character in a query or
 * path parameter or a body field, a literal `{id}` in the path, JSON that does not parse, nests 60,000
 * levels, holds `__proto__` or `constructor`, a text/plain body, an empty PATCH. Each answers 400
 * invalid_input in the documented error shape, naming the field; none answers 500. The routes come from
 * the running application's document, so a route added later is walked too.
 */
const README = readFileSync(join(__dirname, '../../README.md'), 'utf8');
const ID_PARAMETER = /^(id|\w+Id)$/;
/** A valid value for each path parameter that is not an id: a new kind of parameter needs a line here. */
const SAMPLE_PARAMETER: Record<string, string> = { code: '93', month: '2026-01', format: 'pdf', name: 'hours-statements.csv' };
const NUL = 'a\u0000b';

interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** As the document writes it, e.g. /api/v1/contracts/{id}. */
  path: string;
  op: any;
  /** Who may call it: a signed-in user of one of its roles, or anonymous for a public route. */
  caller: AuthedHttp | null;
}

describe('crafted input: every route answers 400 invalid_input naming the field, never 500', () => {
  let t: TestApp;
  let doc: any;
  let routes: Route[];
  /** Where a refused upload may still have been written. */
  const importsDir = mkdtempSync(join(tmpdir(), 'clausier-crafted-'));

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '100000', IMPORTS_DIR: importsDir });
    const f = factories(t.ds);
    const organisation: Record<Role, string | null> = {
      admin: null,
      regional_staff: (await f.organisation({ kind: 'regional_mission', regionCode: '11', departmentCodes: [] })).id,
      facilitator: (await f.facilitatorStructure()).id,
      buyer: (await f.organisation()).id,
      company: (await f.company()).id,
    };
    const users = new Map<Role, AuthedHttp>();
    for (const role of Object.keys(organisation) as Role[]) users.set(role, await t.as(role, organisation[role]));
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const rules = new Map(t.app.get(RouteRules).list().map((r) => [`${r.method} ${r.path}`, r.rule]));
    routes = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const rule = rules.get(`${method.toUpperCase()} ${path.replace(/^\/api(\/v1)?/, '').replace(/\{(\w+)\}/g, ':$1')}`);
        if (!rule) throw new Error(`${method} ${path}: no route of the application`);
        return { method: method as Route['method'], path, op, caller: rule.public ? null : users.get(rule.roles[0])! };
      }),
    );
  });
  afterAll(async () => {
    await t.close();
    rmSync(importsDir, { recursive: true, force: true });
  });

  // The browser session routes refuse a request without the application's CSRF header before reading it: send it, to reach the input checks.
  const send = (r: Route, path: string) =>
    (r.caller ? r.caller[r.method](path) : request(t.app.getHttpServer())[r.method](path)).set('x-clausier-csrf', '1');
  const pathOf = (r: Route, replace: Record<string, string> = {}) =>
    r.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name in replace) return replace[name];
      if (ID_PARAMETER.test(name)) return randomUUID();
      if (!(name in SAMPLE_PARAMETER)) throw new Error(`${r.path}: no sample value for the path parameter ${name}`);
      return SAMPLE_PARAMETER[name];
    });
  const parameters = (r: Route, where: 'query' | 'path') => ((r.op.parameters ?? []) as { in: string; name: string }[]).filter((p) => p.in === where).map((p) => p.name);
  const bodySchema = (r: Route) => {
    const content = r.op.requestBody?.content;
    return content ? (Object.values(content)[0] as any).schema : null;
  };
  const resolve = (schema: any): any => (schema?.$ref ? resolve(doc.components.schemas[schema.$ref.split('/').pop()]) : schema);
  /** Every string a body may hold, as [field path, body with a NUL there], through nested objects and arrays. */
  const stringFields = (schema: any, path: string[] = [], depth = 0): [string, unknown][] => {
    const s = resolve(schema);
    if (!s || depth > 4) return [];
    if (s.type === 'string') return [[path.join('.'), path.reduceRight<unknown>((inner, key) => (/^\d+$/.test(key) ? [inner] : { [key]: inner }), NUL)]];
    if (s.type === 'array') return stringFields(s.items, [...path, '0'], depth + 1);
    return Object.entries((s.properties ?? {}) as Record<string, any>).flatMap(([k, v]) => stringFields(v.allOf?.[0] ?? v, [...path, k], depth + 1));
  };
  const isWrite = (r: Route) => ['post', 'put', 'patch'].includes(r.method);

  /** The failures of one check over all routes, one line each, so that one run lists them all. */
  const failures: string[] = [];
  const expectRefused = (what: string, res: request.Response, field: string, reason?: RegExp) => {
    const b = res.body;
    const shaped = b && b.statusCode === 400 && typeof b.message === 'string' && Array.isArray(b.details)
      && b.details.every((d: any) => typeof d.field === 'string' && typeof d.reason === 'string');
    const named = shaped && b.details.some((d: any) => d.field === field && (!reason || reason.test(d.reason)));
    if (res.status !== 400 || b.code !== 'invalid_input' || !named) failures.push(`${what}: ${res.status} ${JSON.stringify(b).slice(0, 240)}`);
  };
  beforeEach(() => failures.splice(0));

  it('walks every route of the application: the document lists them all', () => {
    const listed = new Set(routes.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/^\/api(\/v1)?/, '').replace(/\{(\w+)\}/g, ':$1')}`));
    expect(t.app.get(RouteRules).list().map((r) => `${r.method} ${r.path}`).filter((r) => !listed.has(r))).toEqual([]);
    expect(routes.length).toBeGreaterThan(70);
  });

  it('a NUL character in any query parameter', async () => {
    for (const r of routes) {
      for (const name of parameters(r, 'query')) expectRefused(`${r.method} ${r.path}?${name}`, await send(r, pathOf(r)).query({ [name]: NUL }), name, /NUL/);
      if (parameters(r, 'query').length) {
        for (const key of ['__proto__', 'constructor']) expectRefused(`${r.method} ${r.path}?${key}`, await send(r, `${pathOf(r)}?${key}=1`), key);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a NUL character in any path parameter, and a literal {name} in its place', async () => {
    // A PATCH carries a field, so that its body passes the check made before the parameters'.
    const call = (r: Route, path: string) => (r.method === 'patch' ? send(r, path).send({ [Object.keys(resolve(bodySchema(r)).properties)[0]]: null }) : send(r, path));
    for (const r of routes) {
      for (const name of parameters(r, 'path')) {
        expectRefused(`${r.method} ${r.path} ${name}=NUL`, await call(r, pathOf(r, { [name]: '%00' })), name, /NUL/);
        const literal = await call(r, pathOf(r, { [name]: `{${name}}` }));
        if (ID_PARAMETER.test(name)) expectRefused(`${r.method} ${r.path} ${name}={${name}}`, literal, name, /UUID/);
        // A code, month, format or template name that does not exist: a documented 4xx.
        else if (![400, 404].includes(literal.status) || !README.includes(`\`${literal.body.code}\``)) failures.push(`${r.method} ${r.path} {${name}}: ${literal.status} ${JSON.stringify(literal.body)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a NUL character in any text field of a body', async () => {
    let fields = 0;
    for (const r of routes.filter(isWrite)) {
      for (const [field, body] of stringFields(bodySchema(r))) {
        fields++;
        expectRefused(`${r.method} ${r.path} ${field}`, await send(r, pathOf(r)).send(body as object), field, /NUL/);
      }
    }
    expect(failures).toEqual([]);
    expect(fields).toBeGreaterThan(50);
  });

  it('a NUL character in the name of an uploaded file', async () => {
    const uploads = routes.filter((r) => r.op.requestBody?.content?.['multipart/form-data']);
    expect(uploads.length).toBeGreaterThan(0);
    for (const r of uploads) {
      // The name as RFC 5987 spells it, which the multipart parser decodes (a raw NUL it refuses itself).
      const part = `--XX\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''heures%00.csv\r\nContent-Type: text/csv\r\n\r\na;b\n\r\n--XX--\r\n`;
      expectRefused(`${r.method} ${r.path} file name`, await send(r, pathOf(r)).set('content-type', 'multipart/form-data; boundary=XX').send(part), 'file', /NUL/);
    }
    expect(failures).toEqual([]);
  });

  it('__proto__ and constructor keys are refused like any unknown field, at the top and nested', async () => {
    for (const r of routes.filter((x) => isWrite(x) && bodySchema(x))) {
      for (const key of ['__proto__', 'constructor']) {
        expectRefused(`${r.method} ${r.path} ${key}`, await send(r, pathOf(r)).set('content-type', 'application/json').send(`{"${key}":{"polluted":true}}`), key);
      }
      const nested = Object.entries(resolve(bodySchema(r)).properties ?? {}).find(([, v]: [string, any]) => resolve(v.allOf?.[0] ?? v)?.type === 'object')?.[0];
      if (nested) {
        expectRefused(`${r.method} ${r.path} ${nested}.__proto__`, await send(r, pathOf(r)).set('content-type', 'application/json').send(`{"${nested}":{"__proto__":{"polluted":true}}}`), `${nested}.__proto__`);
      }
    }
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an array, a text or a number where a body field is an object', async () => {
    let fields = 0;
    for (const r of routes.filter((x) => isWrite(x) && bodySchema(x))) {
      for (const [name, v] of Object.entries((resolve(bodySchema(r)).properties ?? {}) as Record<string, any>)) {
        if (resolve(v.allOf?.[0] ?? v)?.type !== 'object') continue;
        fields++;
        for (const wrong of [[], 'x', 1]) expectRefused(`${r.method} ${r.path} ${name}=${JSON.stringify(wrong)}`, await send(r, pathOf(r)).send({ [name]: wrong }), name);
      }
    }
    expect(failures).toEqual([]);
    expect(fields).toBeGreaterThan(0);
  });

  it('a body that is not JSON, does not parse, nests 60,000 levels or is not an object; an empty PATCH', async () => {
    const deep = `${'{"a":'.repeat(60_000)}1${'}'.repeat(60_000)}`;
    const justTooDeep = `${'{"a":'.repeat(MAX_BODY_DEPTH + 1)}1${'}'.repeat(MAX_BODY_DEPTH + 1)}`;
    for (const r of routes.filter(isWrite)) {
      const what = `${r.method} ${r.path}`;
      const json = (body: string) => send(r, pathOf(r)).set('content-type', 'application/json').send(body);
      expectRefused(`${what} malformed JSON`, await json('{"title":'), 'body', /JSON/);
      expectRefused(`${what} 60,000 levels`, await json(deep), 'body', /niveaux/);
      expectRefused(`${what} ${MAX_BODY_DEPTH + 1} levels`, await json(justTooDeep), 'body', /niveaux/);
      expectRefused(`${what} 60,000 nested arrays`, await json(`${'['.repeat(60_000)}${']'.repeat(60_000)}`), 'body', /objet/);
      expectRefused(`${what} text/plain`, await send(r, pathOf(r)).set('content-type', 'text/plain').send('title=a'), 'body', /JSON/);
      if (r.method === 'patch') {
        expectRefused(`${what} {}`, await json('{}'), 'body', /au moins un champ/);
        expectRefused(`${what} no body`, await send(r, pathOf(r)), 'body', /au moins un champ/);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lists in the README every error code the service answers', () => {
    const codes = new Set(['not_found', 'too_many_requests', 'service_unavailable', 'payload_too_large', 'internal_error']);
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? sources(join(dir, n)) : n.endsWith('.ts') && !n.endsWith('.spec.ts') ? [join(dir, n)] : []));
    for (const file of sources(join(__dirname, '../../src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/new (?:BadInputError|RuleViolationError|ConflictError|TooManyRequestsError)\(\s*'([a-z_]+)'/g)) codes.add(m[1]);
      for (const m of text.matchAll(/super\('([a-z_]+)'/g)) codes.add(m[1]);
      if (file.includes('/common/')) for (const m of text.matchAll(/code: '([a-z_]+)'/g)) codes.add(m[1]);
    }
    expect(codes.size).toBeGreaterThan(30);
    expect([...codes].filter((c) => !README.includes(`\`${c}\``)).sort()).toEqual([]);
  });
});
