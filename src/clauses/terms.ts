import { BadInputError, FieldProblem, RuleViolationError } from '../common/errors/domain-errors';
import { hoursToX100, x100ToHours } from '../common/units/hours';
import { type InsertionTerms, MODE_INPUTS, missingInputs } from '../compliance/rules/insertion-target';
import type { ClauseKind, ClauseTerms, Reservation, TargetMode } from './clause.entity';
import type { TermsInput } from './dto/terms-input.dto';

/** The stored columns of a set of terms (everything but ids, dates and reason). */
export type TermsColumns = Pick<
  ClauseTerms,
  'targetMode' | 'fixedHoursX100' | 'labourShare' | 'insertionRate' | 'hourlyCostCents' | 'centsPerHour' | 'penaltyCentsPerHour' | 'smeMinShare' | 'reservation'
>;

const TERM_FIELDS = ['targetMode', 'fixedHours', 'labourShare', 'insertionRate', 'hourlyCostCents', 'centsPerHour', 'penaltyCentsPerHour', 'smeMinShare', 'reservation'] as const;
type TermField = (typeof TERM_FIELDS)[number];

/** API name of each stored input (hours travel as decimals, are stored as hundredths). */
const API_NAME: Partial<Record<keyof InsertionTerms, TermField>> = { fixedHoursX100: 'fixedHours' };
const apiName = (k: keyof InsertionTerms) => API_NAME[k] ?? (k as TermField);

function applicable(kind: ClauseKind, mode: TargetMode | undefined): Set<TermField> {
  if (kind === 'sme_share') return new Set(['smeMinShare']);
  if (kind === 'reserved') return new Set(['reservation']);
  return new Set<TermField>(['targetMode', 'penaltyCentsPerHour', ...(mode ? MODE_INPUTS[mode].map(apiName) : [])]);
}

/**
 * Checks the terms against the clause kind and target mode and returns the columns to store.
 * A field that does not belong is a malformed request (400); a missing one breaks the rule of the
 * mode (422 `target_mode_inputs_missing`), with one detail per field.
 */
export function termsFromInput(kind: ClauseKind, input: TermsInput): TermsColumns {
  const allowed = applicable(kind, input.targetMode);
  const extra: FieldProblem[] = TERM_FIELDS.filter((f) => input[f] !== undefined && input[f] !== null && !allowed.has(f)).map((field) => ({
    field,
    reason: kind === 'insertion_hours' ? `does not apply to target mode ${input.targetMode ?? '(none)'}` : `does not apply to a ${kind} clause`,
  }));
  if (extra.length) throw new BadInputError('field_not_applicable', `fields not applicable: ${extra.map((e) => e.field).join(', ')}`, extra);

  const fixedHoursX100 = input.fixedHours === undefined || input.fixedHours === null ? null : hoursToX100(input.fixedHours);
  const cols: TermsColumns = {
    targetMode: input.targetMode ?? null,
    fixedHoursX100,
    labourShare: input.labourShare ?? null,
    insertionRate: input.insertionRate ?? null,
    hourlyCostCents: input.hourlyCostCents ?? null,
    centsPerHour: input.centsPerHour ?? null,
    penaltyCentsPerHour: input.penaltyCentsPerHour ?? null,
    smeMinShare: input.smeMinShare ?? null,
    reservation: (input.reservation ?? null) as Reservation | null,
  };

  if (kind === 'insertion_hours') {
    if (!cols.targetMode) {
      throw new RuleViolationError('target_mode_inputs_missing', 'an insertion clause needs a target mode', [{ field: 'targetMode', reason: 'required for an insertion_hours clause' }]);
    }
    const missing = missingInputs({ ...cols, targetMode: cols.targetMode }) as (keyof InsertionTerms)[];
    if (missing.length) {
      throw new RuleViolationError(
        'target_mode_inputs_missing',
        `target mode ${cols.targetMode} needs ${missing.map(apiName).join(', ')}`,
        missing.map((k) => ({ field: apiName(k), reason: `required by target mode ${cols.targetMode}` })),
      );
    }
  } else if (kind === 'sme_share' && cols.smeMinShare === null) {
    throw new RuleViolationError('sme_min_share_missing', 'an SME share clause needs its minimum share', [{ field: 'smeMinShare', reason: 'required for an sme_share clause' }]);
  } else if (kind === 'reserved' && cols.reservation === null) {
    throw new RuleViolationError('reservation_missing', 'a reserved contract clause needs its legal basis', [{ field: 'reservation', reason: 'required for a reserved clause' }]);
  }
  return cols;
}

export interface TermsView {
  id: string;
  effectiveFrom: string | null;
  targetMode: TargetMode | null;
  fixedHours: number | null;
  labourShare: number | null;
  insertionRate: number | null;
  hourlyCostCents: number | null;
  centsPerHour: number | null;
  penaltyCentsPerHour: number | null;
  smeMinShare: number | null;
  reservation: Reservation | null;
  reason: string | null;
  createdAt: Date;
}

export function termsView(t: ClauseTerms): TermsView {
  return {
    id: t.id,
    effectiveFrom: t.effectiveFrom,
    targetMode: t.targetMode,
    fixedHours: t.fixedHoursX100 === null ? null : x100ToHours(t.fixedHoursX100),
    labourShare: t.labourShare,
    insertionRate: t.insertionRate,
    hourlyCostCents: t.hourlyCostCents,
    centsPerHour: t.centsPerHour,
    penaltyCentsPerHour: t.penaltyCentsPerHour,
    smeMinShare: t.smeMinShare,
    reservation: t.reservation,
    reason: t.reason,
    createdAt: t.createdAt,
  };
}
