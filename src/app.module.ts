import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { appDataSourceOptions } from './app-schema';
import { HealthModule } from './health/health.module';
import { TerritoriesModule } from './territories/territories.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { OperationsModule } from './operations/operations.module';
import { ContractsModule } from './contracts/contracts.module';
import { ClausesModule } from './clauses/clauses.module';
import { BeneficiariesModule } from './beneficiaries/beneficiaries.module';
import { AssignmentsModule } from './assignments/assignments.module';
import { HoursStatementsModule } from './hours-statements/hours-statements.module';
import { ContractActivityModule } from './contract-activity/contract-activity.module';
import { PaymentsModule } from './payments/payments.module';
import { ComplianceModule } from './compliance/compliance.module';
import { ReportsModule } from './reports/reports.module';
import { AccessModule } from './access/access.module';
import { UsersModule } from './users/users.module';
import { AuditModule } from './audit/audit.module';
import { JobsModule } from './jobs/jobs.module';
import { ImportsModule } from './imports/imports.module';
import { HousekeepingModule } from './housekeeping/housekeeping.module';

export interface AppOptions {
  config: AppConfig;
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl }: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...appDataSourceOptions({ url: databaseUrl, poolSize: config.DB_POOL_SIZE, statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS }),
          // Migrations are applied by prepareDatabase before the app starts, never by synchronize.
          retryAttempts: 3,
        }),
        AccessModule,
        JobsModule,
        UsersModule,
        AuditModule,
        HealthModule,
        TerritoriesModule,
        OrganisationsModule,
        OperationsModule,
        ContractsModule,
        ClausesModule,
        BeneficiariesModule,
        AssignmentsModule,
        HoursStatementsModule,
        ContractActivityModule,
        PaymentsModule,
        ComplianceModule,
        ReportsModule,
        ImportsModule,
        HousekeepingModule,
      ],
    };
  }
}
