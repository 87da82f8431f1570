import { INestApplication, VersioningType } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { requestContextMiddleware } from './access/request-context.middleware';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { checkJsonBody, jsonParseErrors } from './common/validation/json-body';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AppConfig } from './config/app-config';
import { mountJobBoard } from './jobs/job-board';
import { serveWebApp } from './web/web-app';

export const API_PREFIX = 'api';

/** Everything main.ts and the e2e tests must set up identically on the HTTP app. */
export function configureApp(app: NestExpressApplication): INestApplication {
  const config = app.get(AppConfig);
  // Opens the context the access guard puts the signed-in actor into; first, so everything runs inside it.
  app.use(requestContextMiddleware);
  // No upgrade-insecure-requests: on a plain-http local start it would send the browser to https for
  // the documentation's and the job board's own scripts. Behind TLS, HSTS does that job.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // Browsers from other origins are refused unless listed: the API is not meant to be called from any page.
  const origins = config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  if (origins.length) app.enableCors({ origin: origins, credentials: false, maxAge: 600 });
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false });
  app.use(jsonParseErrors);
  app.use(`/${API_PREFIX}/v1`, checkJsonBody);
  mountJobBoard(app);
  serveWebApp(app, config.WEB_DIR);
  app.setGlobalPrefix(API_PREFIX);
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('Clausier API')
    .setDescription(
      'Social clauses in public procurement: contracts, clauses, people in insertion, hours and compliance. ' +
        'Sign in with POST /api/v1/auth/login and send the access token as Authorization: Bearer <token>. ' +
        'Hours are decimals with two places; money is integer cents; months are YYYY-MM. ' +
        'Every error has the shape ErrorBody: statusCode, code (the rule or failure), message, details[{field, reason}]. ' +
        'A record outside your scope answers 404 and never appears in lists or aggregates.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: `${API_PREFIX}/docs-json` });
  return app;
}
