import { Region, Department } from '../territories/territory.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Operation } from '../operations/operation.entity';
import { Contract, ContractParty } from '../contracts/contract.entity';
import { Clause, ClauseTerms } from '../clauses/clause.entity';
import { Beneficiary, EligibilityCriterion } from '../beneficiaries/beneficiary.entity';
import { Assignment } from '../assignments/assignment.entity';
import { HoursStatement } from '../hours-statements/hours-statement.entity';
import { ContractInvoicedAmount, ContractMonthlyHours } from '../contract-activity/contract-activity.entity';
import { Payment } from '../payments/payment.entity';
import { IdempotencyKey } from '../common/idempotency/idempotency-key.entity';
import { Report } from '../reports/report.entity';
import { User } from '../users/user.entity';
import { LoginFailure, Session } from '../auth/session.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Import, ImportRow } from '../imports/import.entity';
import { AssignmentFirstMonth, ContractMonthActivity, ContractMonthTotal } from '../compliance/aggregates/aggregate.entities';

/** Every entity, listed once: the app, the migration CLI and the tests all read this list. */
export const ENTITIES = [
  Region, Department, Organisation, Operation, Contract, ContractParty, Clause, ClauseTerms,
  Beneficiary, EligibilityCriterion, Assignment, HoursStatement, ContractMonthlyHours,
  ContractInvoicedAmount, Payment, IdempotencyKey, Report, User, Session, LoginFailure, AuditEntry,
  Import, ImportRow, ContractMonthTotal, ContractMonthActivity, AssignmentFirstMonth,
];
