import { CLAUSE_KIND, STATUS } from '../../web/src/compliance/labels';
import { formatDate, formatHours, formatShare } from '../../web/src/format/format';
import type { components } from '../../web/src/api/schema';
import { apiGet, apiToken, DEMO, expect, expectAccessible, screenshot, signIn, test } from './fixtures';

type Page = components['schemas']['ContractLinePage'];
type Clause = components['schemas']['ClauseComplianceView'];
const AT = '2026-06-30';
const NONE = '—';

/** What a clause's row must read, from the API's own figures. */
function expectedCells(c: Clause): string[] {
  const label = c.label ?? CLAUSE_KIND[c.kind];
  const status = STATUS[c.status].label;
  const hours = (n: number | undefined) => (n === undefined ? NONE : formatHours(n));
  if (c.kind === 'insertion_hours') return [label, status, hours(c.realisedHours), hours(c.expectedToDate), hours(c.plannedHoursAtEnd)];
  if (c.kind === 'sme_share') return [label, status, c.confirmedShare == null ? NONE : formatShare(c.confirmedShare), NONE, c.minShare == null ? NONE : formatShare(c.minShare)];
  return [label, status, NONE, NONE, NONE];
}

test('the facilitator\'s home shows each clause\'s status, realised and expected hours as the API computes them', async ({ page, request }) => {
  const api = await apiGet<Page>(request, await apiToken(request, DEMO.facilitator), `/api/v1/compliance/contracts?at=${AT}&page=1&pageSize=20`);
  expect(api.items.length).toBeGreaterThan(0);

  await signIn(page, DEMO.facilitator);
  await page.getByLabel('Situation au').fill(AT);
  await expect(page.getByText(`${api.total} marchés, situation au ${formatDate(AT)}`)).toBeVisible();

  const statuses = new Set<string>();
  for (const line of api.items) {
    const group = page.locator('tbody', { has: page.getByRole('heading', { name: line.reference, exact: true }) });
    await expect(group.getByRole('rowheader')).toContainText(line.title);
    await expect(group.getByRole('rowheader')).toContainText(line.contractingAuthority.name);
    const rows = group.getByRole('row');
    await expect(rows).toHaveCount(Math.max(line.clauses.length, 1));
    for (const [i, clause] of line.clauses.entries()) {
      statuses.add(clause.status);
      await expect(rows.nth(i).getByRole('cell')).toHaveText(expectedCells(clause));
    }
  }
  // The demo data is built so that, at this date, clauses show several statuses.
  expect(statuses.size).toBeGreaterThan(1);
  await expectAccessible(page);
  await screenshot(page, 'facilitator-home');
});
