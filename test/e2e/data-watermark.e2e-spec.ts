import { dataWatermark } from '../../src/reports/data-watermark';
import { REPORT_FIGURES_VERSION } from '../../src/reports/figures/report-figures';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';

/** The reports' data watermark: equal on unchanged data, different after any committed write to an input of the figures. */
describe('data watermark', () => {
  let t: TestApp;
  let f: ReturnType<typeof factories>;
  let contractId: string;

  beforeAll(async () => {
    t = await startTestApp();
    f = factories(t.ds);
    const authority = await f.organisation({ departmentCodes: ['93'] });
    contractId = (await f.contract({ contractingAuthorityId: authority.id, holderId: (await f.company()).id })).id;
  });
  afterAll(async () => t.close());

  const watermark = () => dataWatermark(t.ds.manager);

  // The rules of the figures are an input too: a report made under earlier rules is not handed back.
  it('is the same while nothing is written, whoever reads, and names the version of the figures\' rules', async () => {
    const first = await watermark();
    expect(first).toMatch(new RegExp(`^v2-f${REPORT_FIGURES_VERSION}-[0-9a-f]{32}$`));
    await t.ds.query(`SELECT count(*) FROM contracts`);
    expect(await watermark()).toBe(first);
  });

  it('changes with an edit in place (a contract amount), not with a write rolled back', async () => {
    const before = await watermark();
    await t.ds
      .transaction(async (m) => {
        await m.query(`SELECT set_config('clausier.actor', '{"system":"test"}', true)`);
        await m.query(`UPDATE contracts SET amount_cents = amount_cents + 100 WHERE id = $1`, [contractId]);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await watermark()).toBe(before);
    await t.ds.transaction(async (m) => {
      await m.query(`SELECT set_config('clausier.actor', '{"system":"test"}', true)`);
      await m.query(`UPDATE contracts SET amount_cents = amount_cents + 100 WHERE id = $1`, [contractId]);
    });
    expect(await watermark()).not.toBe(before);
  });

  it('does not change with writes that are not inputs of the figures (a user and their session, a report row)', async () => {
    const before = await watermark();
    const mission = await f.organisation({ kind: 'regional_mission', regionCode: '11', departmentCodes: [] });
    expect(await watermark()).not.toBe(before); // an organisation is an input
    const withMission = await watermark();
    await t.as('regional_staff', mission.id); // a user signed in: a users row and a sessions row
    expect(await watermark()).toBe(withMission);
    await t.ds.query(`SELECT set_config('clausier.actor', '{"system":"test"}', false)`);
    await t.ds.query(
      `INSERT INTO reports (scope_kind, scope_code, period_from, period_to, data_watermark, version) VALUES ('region', '11', '2026-01-01', '2026-01-31', 'x', 1)`,
    );
    expect(await watermark()).toBe(withMission);
  });
});
