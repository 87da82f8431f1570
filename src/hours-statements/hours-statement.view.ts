import { x100ToHours } from '../common/units/hours';
import { HoursStatementResponse } from './dto/hours-statement.response';
import { StatementRow } from './hours-statements.repository';

export function toResponse(row: StatementRow): HoursStatementResponse {
  return {
    id: row.id,
    assignmentId: row.assignmentId,
    contractId: row.contractId,
    month: row.month,
    hours: x100ToHours(row.hoursX100),
    source: row.source,
    status: row.status,
    rejectionReason: row.rejectionReason,
    supersedesId: row.supersedesId,
    supersededById: row.supersededById,
    declaredAt: new Date(row.declaredAt).toISOString(),
    decidedAt: row.decidedAt === null ? null : new Date(row.decidedAt).toISOString(),
  };
}
