import { MixedList } from 'typeorm';
import { InitialSchema1795425560828 } from './1795425560828-InitialSchema';
import { Reports1795428026265 } from './1795428026265-Reports';
import { AccountsAndAudit1795452718555 } from './1795452718555-AccountsAndAudit';
import { Imports1795453810023 } from './1795453810023-Imports';
import { StatementAuditAndOnboarding1795455000000 } from './1795455000000-StatementAuditAndOnboarding';
import { Aggregates1795460000000 } from './1795460000000-Aggregates';
import { StatementAssignmentIndex1795461000000 } from './1795461000000-StatementAssignmentIndex';
import { DataChanges1795462000000 } from './1795462000000-DataChanges';
import { EligibilityAggregates1795463000000 } from './1795463000000-EligibilityAggregates';
import { AssignmentProfiles1795464000000 } from './1795464000000-AssignmentProfiles';
import { IdempotencyAnswerText1795465000000 } from './1795465000000-IdempotencyAnswerText';
import { CoveringMonthTotals1795466000000 } from './1795466000000-CoveringMonthTotals';
import { ContractMonthActivity1795467000000 } from './1795467000000-ContractMonthActivity';
import { PendingCorrections1795471000000 } from './1795471000000-PendingCorrections';
import { SmeShareOnce1795471100000 } from './1795471100000-SmeShareOnce';
import { ImportMessages1795472000000 } from './1795472000000-ImportMessages';

/** Applied in this order; each file is hand-reviewed. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: MixedList<Function> = [InitialSchema1795425560828, Reports1795428026265, AccountsAndAudit1795452718555, Imports1795453810023, StatementAuditAndOnboarding1795455000000, Aggregates1795460000000, StatementAssignmentIndex1795461000000, DataChanges1795462000000, EligibilityAggregates1795463000000, AssignmentProfiles1795464000000, IdempotencyAnswerText1795465000000, CoveringMonthTotals1795466000000, ContractMonthActivity1795467000000, PendingCorrections1795471000000, SmeShareOnce1795471100000, ImportMessages1795472000000];
