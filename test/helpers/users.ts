import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { auditIdentity, Role, systemActor } from '../../src/access/actor';
import { SessionsService } from '../../src/auth/sessions.service';
import { inTransaction } from '../../src/database/transaction';

type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** supertest, with the bearer token set on every request. */
export type AuthedHttp = Record<Verb, (url: string) => request.Test>;

export function asUser(server: Parameters<typeof request>[0], token: string): AuthedHttp {
  const verb = (v: Verb) => (url: string) => request(server)[v](url).set('Authorization', `Bearer ${token}`);
  return { get: verb('get'), post: verb('post'), put: verb('put'), patch: verb('patch'), delete: verb('delete') };
}

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  organisationId: string | null;
  accessToken: string;
  refreshToken: string;
  http: AuthedHttp;
}

/**
 * A user of `role` in `organisationId`, created in the database and signed in through the real
 * session service (no password: tests that exercise the login itself use POST /auth/login).
 */
export async function testUser(app: INestApplication, role: Role, organisationId: string | null): Promise<TestUser> {
  const ds = app.get(DataSource);
  const email = `${role}.${randomUUID().slice(0, 8)}@test.clausier.fr`;
  const { id, tokens } = await inTransaction(ds, auditIdentity(systemActor('test')), async (m) => {
    const [{ id }] = (await m.query(
      `INSERT INTO users (email, display_name, role, organisation_id, activated_at) VALUES ($1, $2, $3, $4, now()) RETURNING id`,
      [email, `Test ${role}`, role, organisationId],
    )) as { id: string }[];
    return { id, tokens: await app.get(SessionsService).open(m, id) };
  });
  return { id, email, role, organisationId, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, http: asUser(app.getHttpServer(), tokens.accessToken) };
}
