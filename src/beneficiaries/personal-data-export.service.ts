import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BeneficiariesService } from './beneficiaries.service';
import { BeneficiaryView } from './beneficiary.view';

export interface PersonalDataExport {
  exportedAt: string;
  /** What the registering structure holds: identity, attributes and criteria. */
  beneficiary: BeneficiaryView & { personKeyNote: string };
  assignments: Record<string, unknown>[];
  hoursStatements: Record<string, unknown>[];
  /** Every recorded write to the rows above, oldest first. */
  auditLog: Record<string, unknown>[];
}

/**
 * Right of access (GDPR art. 15): everything the service holds on one registration, for the
 * structure that registered the person to hand over. Only that structure may ask (findOwn).
 */
@Injectable()
export class PersonalDataExportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly beneficiaries: BeneficiariesService,
  ) {}

  async export(id: string): Promise<PersonalDataExport> {
    await this.beneficiaries.findOwn(id, 'export the data of');
    const beneficiary = await this.beneficiaries.get(id);
    const assignments = (await this.ds.query(
      `SELECT a.id, c.reference AS "contractReference", c.title AS "contractTitle", e.name AS "employer", a.modality,
              a.start_date::text AS "startDate", a.end_date::text AS "endDate", a.rome_code AS "romeCode",
              a.planned_weekly_hours_x100 / 100.0 AS "plannedWeeklyHours", a.exit_outcome AS "exitOutcome",
              a.outcome_after_six_months AS "outcomeAfterSixMonths", a.created_at AS "createdAt"
         FROM assignments a JOIN contracts c ON c.id = a.contract_id JOIN organisations e ON e.id = a.employer_id
        WHERE a.beneficiary_id = $1 ORDER BY a.start_date, a.id`,
      [id],
    )) as Record<string, unknown>[];
    const hoursStatements = (await this.ds.query(
      `SELECT s.id, s.assignment_id AS "assignmentId", to_char(s.month, 'YYYY-MM') AS month, s.hours_x100 / 100.0 AS hours, s.source, s.status,
              s.rejection_reason AS "rejectionReason", s.supersedes_id AS "supersedesId", s.declared_at AS "declaredAt", s.decided_at AS "decidedAt"
         FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id
        WHERE a.beneficiary_id = $1 ORDER BY s.month, s.declared_at, s.id`,
      [id],
    )) as Record<string, unknown>[];
    const rowIds = [id, ...assignments.map((a) => a.id as string), ...hoursStatements.map((s) => s.id as string)];
    // Who wrote, by role and organisation (the structure reads no user account, so no staff email), and
    // the rows without the pseudonymous key that links the person's registrations across structures.
    const unkeyed = (row: string) => `CASE WHEN ${row} ? 'person_key' THEN jsonb_set(${row}, '{person_key}', '"[hidden]"') ELSE ${row} END`;
    const auditLog = (await this.ds.query(
      `SELECT l.at, CASE WHEN l.actor_user_id IS NULL THEN l.actor_label END AS "actor", l.actor_role AS "actorRole",
              l.actor_organisation_id AS "actorOrganisationId", l.action, l.entity, l.entity_id AS "entityId",
              ${unkeyed('l.before')} AS before, ${unkeyed('l.after')} AS after
         FROM audit_log l
        WHERE (l.entity IN ('beneficiaries', 'assignments', 'hours_statements') AND l.entity_id = ANY($1::text[]))
           OR (l.entity = 'eligibility_criteria' AND $2 IN (l.after->>'beneficiary_id', l.before->>'beneficiary_id'))
        ORDER BY l.id`,
      [rowIds, id],
    )) as Record<string, unknown>[];
    return {
      exportedAt: new Date().toISOString(),
      beneficiary: {
        ...beneficiary,
        personKeyNote: 'The service also keeps a pseudonymous key (a keyed hash of the identity) so that a person registered by two structures is counted once.',
      },
      assignments,
      hoursStatements,
      auditLog,
    };
  }
}
