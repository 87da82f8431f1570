import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { UserActor } from '../../access/actor';
import { IdentityCipher } from '../../beneficiaries/identity-cipher';
import { AppConfig } from '../../config/app-config';
import { msg } from '../../common/messages';
import { CheckedImport, FileRefused, Progress } from '../checked-import';
import { checkStanding, lockStatementDates, resolveRows } from '../hours/hours-checks';
import { lockPersonMonths } from '../hours/hours-writer';
import { legalCapPass } from '../hours/legal-cap-pass';
import type { Import } from '../import.entity';
import { ImportFiles } from '../import-files';
import { importAssignments } from './assignments';
import { importBeneficiaries } from './beneficiaries';
import { importCompanies } from './companies';
import { importContracts } from './contracts';
import { explainDependencies, translateIdentifiants } from './onboarding-hours';
import { readOnboardingWorkbook } from './onboarding-workbook';
import { discardKeepingOutcomes, saveResults } from './row-outcomes';
import type { OnboardingContext } from './sheet-rows';

/**
 * An onboarding set, checked and written in the import's transaction as the uploader: entreprises,
 * marches, beneficiaires and affectations row by row (each row's records written once all its checks
 * pass, so the next sheets find them), then the heures sheet through the hours pipeline, which sees
 * those records. Everything after the savepoint can be undone while the rows' outcomes are kept:
 * the dry run is the import itself, rolled back.
 */
@Injectable()
export class OnboardingImport {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly files: ImportFiles,
    private readonly cipher: IdentityCipher,
    private readonly config: AppConfig,
  ) {}

  async check(m: EntityManager, imp: Import, actor: UserActor, applying: boolean, progress: Progress): Promise<CheckedImport> {
    if (!imp.fileKey) throw new FileRefused(msg('import.file_gone'));
    // One onboarding of a structure at a time: two would race to register the same people and contracts.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`onboarding:${imp.organisationId}`]);
    await m.query(`DELETE FROM import_rows WHERE import_id = $1`, [imp.id]);
    const book = await readOnboardingWorkbook(m, imp.id, this.files.pathOf(imp.fileKey), this.cipher, (share) => progress(Math.floor(share * 30)));
    // Outside the transaction: holding the import's row would block the progress updates made beside it.
    await this.ds.query(`UPDATE imports SET headers = $2 WHERE id = $1`, [imp.id, JSON.stringify(book.headers)]);

    await m.query(`SAVEPOINT onboarding_writes`);
    const ctx: OnboardingContext = { m, actor, pseudonymSecret: this.config.PSEUDONYM_SECRET, cipher: this.cipher, results: [], updateExisting: applying && imp.updateExisting };
    const { entreprises, marches, beneficiaires, affectations } = book.sheets;
    const companies = entreprises ? await importCompanies(ctx, entreprises) : new Map();
    const contracts = marches ? await importContracts(ctx, marches, companies) : [];
    progress(45);
    const people = beneficiaires ? await importBeneficiaries(ctx, beneficiaires) : new Map();
    if (affectations) await importAssignments(ctx, affectations, companies, contracts, people);
    progress(60);
    if (book.hours) {
      const col = book.hours.header;
      await translateIdentifiants(m, imp.id, people, col);
      await resolveRows(m, imp.id, actor, book.hours);
      await explainDependencies(m, imp.id, ctx.results, contracts, col);
      if (applying) await lockStatementDates(m, imp.id, col.mois);
      if (applying) await lockPersonMonths(m, imp.id);
      await checkStanding(m, imp.id, book.hours);
      await legalCapPass(m, imp.id, imp.markValidated, col.heures);
    }
    progress(80);

    return {
      refused: async () => {
        const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM import_rows WHERE import_id = $1 AND sheet = 'heures' AND outcome = 'refused'`, [imp.id])) as { n: number }[];
        return n + ctx.results.filter((r) => r.outcome === 'refused').length;
      },
      discardWrites: async () => {
        await discardKeepingOutcomes(m, imp.id, 'onboarding_writes');
        await saveResults(m, imp.id, ctx.results, false);
      },
      keepWrites: async () => {
        await m.query(`RELEASE SAVEPOINT onboarding_writes`);
        await saveResults(m, imp.id, ctx.results, true);
      },
    };
  }
}
