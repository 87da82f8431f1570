import { INestApplication, VersioningType } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { createValidationPipe } from './common/validation/validation.pipe';

export const API_PREFIX = 'api';

/** Everything main.ts and the e2e tests must set up identically on the HTTP app. */
export function configureApp(app: NestExpressApplication): INestApplication {
  app.use(helmet());
  app.useBodyParser('json', { limit: '1mb' });
  app.setGlobalPrefix(API_PREFIX);
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('Clausier API')
    .setDescription(
      'Social clauses in public procurement: contracts, clauses, people in insertion, hours and compliance. ' +
        'Hours are decimals with two places; money is integer cents; months are YYYY-MM. ' +
        'Every error has the shape ErrorBody: statusCode, code (the rule or failure), message, details[{field, reason}].',
    )
    .setVersion('1')
    .build();
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: `${API_PREFIX}/docs-json` });
  return app;
}
