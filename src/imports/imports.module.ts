import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { diskStorage } from 'multer';
import { IdentityCipher } from '../beneficiaries/identity-cipher';
import { AppConfig } from '../config/app-config';
import { Import, ImportRow } from './import.entity';
import { ImportFiles } from './import-files';
import { ImportPipeline } from './import-pipeline';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { AnalyseImportJob, ApplyImportJob } from './jobs/import-jobs';
import { OnboardingImport } from './onboarding/onboarding-import';

/** Bulk imports (hours statements, onboarding sets): the API (upload, dry run, confirm) and the jobs doing the work, in the API or the worker. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Import, ImportRow]),
    // Uploads go straight to disk (never into memory), under a random name, within the size limit.
    MulterModule.registerAsync({
      useFactory: (config: AppConfig) => ({
        storage: diskStorage({ destination: new ImportFiles(config).uploads, filename: (_req, _file, done) => done(null, randomUUID()) }),
        limits: { fileSize: config.IMPORT_MAX_MB * 1024 * 1024, files: 1 },
        // Browsers and curl send a file name's UTF-8 bytes as they are: read as Latin-1, « relevé » became « relevÃ© ».
        defParamCharset: 'utf8',
      }),
      inject: [AppConfig],
    }),
  ],
  controllers: [ImportsController],
  providers: [
    ImportFiles, ImportsService, ImportPipeline, OnboardingImport, AnalyseImportJob, ApplyImportJob,
    // Onboarding registers people: their identity is encrypted as BeneficiariesService does (the worker has no BeneficiariesModule).
    { provide: IdentityCipher, useFactory: (config: AppConfig) => new IdentityCipher(config.IDENTITY_ENCRYPTION_KEY), inject: [AppConfig] },
  ],
})
export class ImportsModule {}
