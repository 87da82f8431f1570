import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { createDataSource, DatabaseSchema, DatabaseSettings, dataSourceOptions } from './database/data-source';
import { Region, Department } from './territories/territory.entity';
import { syncTerritories } from './territories/territory-reference';
import { Organisation } from './organisations/organisation.entity';
import { Operation } from './operations/operation.entity';
import { Contract, ContractParty } from './contracts/contract.entity';
import { Clause, ClauseTerms } from './clauses/clause.entity';
import { Beneficiary, EligibilityCriterion } from './beneficiaries/beneficiary.entity';
import { Assignment } from './assignments/assignment.entity';
import { HoursStatement } from './hours-statements/hours-statement.entity';
import { ContractInvoicedAmount, ContractMonthlyHours } from './contract-activity/contract-activity.entity';
import { Payment } from './payments/payment.entity';
import { IdempotencyKey } from './common/idempotency/idempotency-key.entity';
import { Report } from './reports/report.entity';
import { User } from './users/user.entity';
import { LoginFailure, Session } from './auth/session.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { Import, ImportRow } from './imports/import.entity';
import { AssignmentFirstMonth, ContractMonthActivity, ContractMonthTotal } from './compliance/aggregates/aggregate.entities';

/**
 * What the application's database holds, registered once where the processes are wired: the API
 * (main.ts, app.module.ts), the worker, the CLIs, the tests and the benchmark all take their
 * DataSource from here. It lives above the concepts, so that src/database/ stays a floor of
 * primitives that imports none of them.
 */

/** Every entity, listed once. */
export const ENTITIES = [
  Region, Department, Organisation, Operation, Contract, ContractParty, Clause, ClauseTerms,
  Beneficiary, EligibilityCriterion, Assignment, HoursStatement, ContractMonthlyHours,
  ContractInvoicedAmount, Payment, IdempotencyKey, Report, User, Session, LoginFailure, AuditEntry,
  Import, ImportRow, ContractMonthTotal, ContractMonthActivity, AssignmentFirstMonth,
];

export const APP_SCHEMA: DatabaseSchema = { entities: ENTITIES, migrations: MIGRATIONS };

export const appDataSourceOptions = (s: DatabaseSettings): DataSourceOptions => dataSourceOptions(s, APP_SCHEMA);

export const createAppDataSource = (s: DatabaseSettings): DataSource => createDataSource(s, APP_SCHEMA);

/** Brings a database to the current schema and reference data; safe to run at every start. */
export async function prepareDatabase(ds: DataSource): Promise<void> {
  await ds.runMigrations({ transaction: 'each' });
  await syncTerritories(ds);
}
