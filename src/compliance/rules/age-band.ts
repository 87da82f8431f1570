export const AGE_BANDS = ['under_26', '26_49', '50_and_over'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** DOMAIN rule 7: age = year of the assignment's start − birth year. */
export function ageBand(assignmentStartYear: number, birthYear: number): AgeBand {
  const age = assignmentStartYear - birthYear;
  if (age < 26) return 'under_26';
  if (age < 50) return '26_49';
  return '50_and_over';
}

/** The same rule in SQL, for aggregates: `${ageBandSql('a.start_date', 'b.birth_year')}`. */
export function ageBandSql(startDate: string, birthYear: string): string {
  const age = `(extract(year from ${startDate})::int - ${birthYear})`;
  return `CASE WHEN ${age} < 26 THEN 'under_26' WHEN ${age} < 50 THEN '26_49' ELSE '50_and_over' END`;
}
