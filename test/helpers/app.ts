import { LoggerService, LogLevel } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/app-config';
import { configureApp } from '../../src/configure-app';
import { createTestDatabase } from './database';
import { asUser, AuthedHttp, TestUser, testUser } from './users';
import type { Role } from '../../src/access/actor';

export interface TestApp {
  app: NestExpressApplication;
  /** Anonymous HTTP: only public routes answer (health, login). */
  http: () => ReturnType<typeof request>;
  /** HTTP as a freshly created, signed-in user of this role (and organisation; none for an admin). */
  as: (role: Role, organisationId?: string | null) => Promise<AuthedHttp>;
  /** The same, keeping the user (id, token) for assertions. */
  user: (role: Role, organisationId?: string | null) => Promise<TestUser>;
  /** HTTP with a given access token. */
  withToken: (token: string) => AuthedHttp;
  ds: DataSource;
  close: () => Promise<void>;
}

/**
 * The real application on its own fresh database, reached over HTTP through supertest. `logger`:
 * what the app logs through (default: errors and warnings only; Nest's testing logger then drops the
 * warnings, so a test reading them passes a logger of its own).
 */
export async function startTestApp(env: Record<string, string> = {}, logger: LoggerService | LogLevel[] = ['error', 'warn']): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DB_POOL_SIZE: '4', RATE_LIMIT_PER_MINUTE: '100000', ...env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ config, databaseUrl: db.url })] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger });
  configureApp(app);
  await app.init();
  const server = app.getHttpServer();
  const user = (role: Role, organisationId: string | null = null) => testUser(app, role, organisationId);
  return {
    app,
    http: () => request(server),
    user,
    as: async (role, organisationId = null) => (await user(role, organisationId)).http,
    withToken: (token) => asUser(server, token),
    ds: app.get(DataSource),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
