import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/app-config';
import { configureApp } from './configure-app';
import { createAppDataSource, prepareDatabase } from './app-schema';
import { resolveDatabase } from './database/database-url';
import { loadDemoDataIfEmpty } from './demo/demo-data';

async function bootstrap() {
  const logger = new Logger('Clausier');
  const config = loadConfig();
  const db = await resolveDatabase(config, (m) => logger.log(m));

  // Schema and reference data first, with a short-lived connection, so the app never sees an old schema.
  const ds = createAppDataSource({ url: db.url, poolSize: 2, statementTimeoutMs: 600_000 });
  await ds.initialize();
  await prepareDatabase(ds);
  if (config.DEMO_DATA === 'true') await loadDemoDataIfEmpty(ds, config, (m) => logger.log(m));
  await ds.destroy();

  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, databaseUrl: db.url }));
  configureApp(app);
  app.enableShutdownHooks();
  process.once('beforeExit', () => void db.stop());
  await app.listen(config.PORT, '0.0.0.0');
  logger.log(`API on http://localhost:${config.PORT}/api/v1 — documentation on http://localhost:${config.PORT}/api/docs`);
}

bootstrap().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
