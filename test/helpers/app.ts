import { Test } from '@nestjs/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/app-config';
import { configureApp } from '../../src/configure-app';
import { createTestDatabase } from './database';

export interface TestApp {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  ds: DataSource;
  close: () => Promise<void>;
}

/** The real application on its own fresh database, reached over HTTP through supertest. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DB_POOL_SIZE: '4', ...env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ config, databaseUrl: db.url })] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error', 'warn'] });
  configureApp(app);
  await app.init();
  const server = app.getHttpServer();
  return {
    app,
    http: () => request(server),
    ds: app.get(DataSource),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
