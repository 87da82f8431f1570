import 'reflect-metadata';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { appDataSourceOptions } from './app-schema';
import { resolveDatabase } from './database/database-url';
import { JobWorkers } from './jobs/job-workers';
import { ReportsModule } from './reports/reports.module';
import { JobsModule } from './jobs/jobs.module';
import { ImportsModule } from './imports/imports.module';
import { HousekeepingModule } from './housekeeping/housekeeping.module';

/** Background jobs only: no HTTP server. */
@Module({})
class WorkerModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...appDataSourceOptions({ url: databaseUrl, poolSize: config.DB_POOL_SIZE, statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS }),
          retryAttempts: 3,
        }),
        JobsModule,
        ReportsModule,
        ImportsModule,
        HousekeepingModule,
      ],
    };
  }
}

/**
 * `npm run start:worker`: runs the report jobs in their own process (then start the API with
 * RUN_WORKER_IN_API=false). Uses the database the API has migrated: DATABASE_URL or the local server.
 */
async function bootstrap() {
  const logger = new Logger('ClausierWorker');
  const config = loadConfig();
  // DATABASE_URL or the local server; never an embedded one (that one lives inside the API process).
  const db = await resolveDatabase(Object.assign(new AppConfig(), config, { EMBEDDED_POSTGRES: 'never' }), (m) => logger.log(m));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, db.url));
  // SIGTERM/SIGINT close the workers gracefully: jobs in progress finish before the process exits.
  app.enableShutdownHooks();
  // Without Redis the process waits for it, saying so once, and starts its workers when it answers.
  await app.get(JobWorkers).startWhenRedisAnswers();
  logger.log('Worker running');
}

bootstrap().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
