import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CRITERIA } from '../beneficiaries/beneficiary.entity';
import type { Criterion } from '../beneficiaries/beneficiary.entity';
import { x100ToHours } from '../common/units/hours';
import { MODALITIES, OUTCOMES } from './assignment.entity';
import type { Modality, Outcome } from './assignment.entity';

/** A row of ASSIGNMENT_SELECT: dates already as text, the eligibility computed by SQL. */
export interface AssignmentRow {
  id: string;
  beneficiary_id: string;
  contract_id: string;
  employer_id: string;
  modality: Modality;
  start_date: string;
  end_date: string | null;
  rome_code: string | null;
  planned_weekly_hours_x100: number | null;
  exit_outcome: Outcome | null;
  outcome_after_six_months: Outcome | null;
  eligible: boolean;
  eligible_criteria: Criterion[];
  created_at: Date;
}

export class AssignmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) beneficiaryId: string;
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ format: 'uuid' }) employerId: string;
  @ApiProperty({ enum: MODALITIES }) modality: Modality;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) endDate: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'F1703' }) romeCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 35 }) plannedWeeklyHours: number | null;
  @ApiPropertyOptional({ enum: OUTCOMES, nullable: true }) exitOutcome: Outcome | null;
  @ApiPropertyOptional({ enum: OUTCOMES, nullable: true }) outcomeAfterSixMonths: Outcome | null;
  @ApiProperty({ description: 'DOMAIN rule 5: the person had a valid criterion on the start date. Non-eligible hours do not count as realised.' })
  eligible: boolean;
  @ApiProperty({ enum: CRITERIA, isArray: true, description: 'Criteria valid on the start date' }) eligibleCriteria: Criterion[];
  @ApiProperty() createdAt: Date;

  static of(r: AssignmentRow): AssignmentView {
    return Object.assign(new AssignmentView(), {
      id: r.id, beneficiaryId: r.beneficiary_id, contractId: r.contract_id, employerId: r.employer_id, modality: r.modality,
      startDate: r.start_date, endDate: r.end_date, romeCode: r.rome_code,
      plannedWeeklyHours: r.planned_weekly_hours_x100 === null ? null : x100ToHours(r.planned_weekly_hours_x100),
      exitOutcome: r.exit_outcome, outcomeAfterSixMonths: r.outcome_after_six_months,
      eligible: r.eligible, eligibleCriteria: r.eligible_criteria, createdAt: r.created_at,
    });
  }
}

export class AssignmentPage {
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: [AssignmentView] }) items: AssignmentView[];
}
