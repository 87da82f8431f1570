import { randomUUID } from 'node:crypto';
import { DataSource, DeepPartial } from 'typeorm';
import { Organisation } from '../../src/organisations/organisation.entity';
import { Contract, ContractParty } from '../../src/contracts/contract.entity';
import { Operation } from '../../src/operations/operation.entity';
import { Payment } from '../../src/payments/payment.entity';
import { Clause, ClauseTerms } from '../../src/clauses/clause.entity';
import { Beneficiary, EligibilityCriterion } from '../../src/beneficiaries/beneficiary.entity';
import { Assignment } from '../../src/assignments/assignment.entity';
import { HoursStatement } from '../../src/hours-statements/hours-statement.entity';
import { auditIdentity, systemActor } from '../../src/access/actor';
import { IdentityCipher } from '../../src/beneficiaries/identity-cipher';
import { loadConfig } from '../../src/config/app-config';
import { inTransaction } from '../../src/database/transaction';
import { makeSiret } from './siret';

export { makeSiret };

/** The test app's key (tests run with the development default). */
const cipher = new IdentityCipher(loadConfig({}).IDENTITY_ENCRYPTION_KEY);


/**
 * Factories writing straight to the database, to set up the world a test then exercises over
 * HTTP. Each write is a transaction signed as system:test, as the audit log requires.
 */
export function factories(ds: DataSource) {
  const save = <T extends object>(entity: new () => T, data: DeepPartial<NoInfer<T>>): Promise<T> =>
    inTransaction(ds, auditIdentity(systemActor('test')), (m) => m.getRepository(entity).save(m.getRepository(entity).create(data)) as Promise<T>);
  return {
    organisation: (o: DeepPartial<Organisation> = {}) =>
      save(Organisation, {
        kind: 'contracting_authority', name: `Org ${randomUUID().slice(0, 6)}`, siret: makeSiret(), departmentCodes: ['93'], inclusionType: 'none',
        ...(o.kind === 'company' ? { size: 'small' as const } : {}),
        ...o,
      }),
    company: (o: DeepPartial<Organisation> = {}) =>
      save(Organisation, { kind: 'company', name: `Company ${randomUUID().slice(0, 6)}`, siret: makeSiret(), size: 'large', inclusionType: 'none', ...o }),
    facilitatorStructure: (o: DeepPartial<Organisation> = {}) =>
      save(Organisation, { kind: 'facilitator_structure', name: `Maison de l'emploi ${randomUUID().slice(0, 4)}`, siret: makeSiret(), departmentCodes: ['93'], ...o }),
    contract: (o: DeepPartial<Contract> & { contractingAuthorityId: string; holderId: string }) =>
      save(Contract, {
        reference: `REF-${randomUUID().slice(0, 8)}`, title: 'Travaux', cpvCode: '45000000', amountCents: 100_000_000,
        startDate: '2026-01-01', endDate: '2026-12-31', executionDepartmentCode: '93', socialConsiderations: ['Clause sociale'], ...o,
      }),
    /** An insertion clause with its original terms. */
    insertionClause: async (contractId: string, terms: DeepPartial<ClauseTerms>) => {
      const clause = await save(Clause, { contractId, kind: 'insertion_hours' });
      await save(ClauseTerms, { clauseId: clause.id, effectiveFrom: null, ...terms });
      return clause;
    },
    amendment: (clauseId: string, effectiveFrom: string, terms: DeepPartial<ClauseTerms>) => save(ClauseTerms, { clauseId, effectiveFrom, ...terms }),
    smeClause: async (contractId: string, smeMinShare: number) => {
      const clause = await save(Clause, { contractId, kind: 'sme_share' });
      await save(ClauseTerms, { clauseId: clause.id, effectiveFrom: null, smeMinShare });
      return clause;
    },
    /** Identity Awa Martin, 1990-05-04, encrypted as the service stores it. */
    beneficiary: (o: DeepPartial<Beneficiary> & { registeredById: string }) => {
      const id = randomUUID();
      return save(Beneficiary, {
        id, personKey: randomUUID().replace(/-/g, '').padEnd(64, '0'), code: `B-${randomUUID().slice(0, 8)}`,
        identityEnc: cipher.encrypt(id, { lastName: 'Martin', firstName: 'Awa', birthDate: '1990-05-04' }), sex: 'F', birthYear: 1990, qpvResident: false, ...o,
      });
    },
    criterion: (o: DeepPartial<EligibilityCriterion> & { beneficiaryId: string }) =>
      save(EligibilityCriterion, { criterion: 'RSA', validatedOn: '2025-12-01', validatedBy: 'Conseiller PLIE', ...o }),
    assignment: (o: DeepPartial<Assignment> & { beneficiaryId: string; contractId: string; employerId: string }) =>
      save(Assignment, { modality: 'direct_hire_cdd', startDate: '2026-01-01', endDate: '2026-12-31', ...o }),
    /** A statement inserted as-is (status included): for setting up figures, not for testing the workflow. */
    statement: (o: DeepPartial<HoursStatement> & { assignmentId: string; contractId: string; month: string; hoursX100: number }) =>
      save(HoursStatement, { source: 'company_statement', status: 'validated', ...o }),
    operation: (o: DeepPartial<Operation> & { contractingAuthorityId: string }) => save(Operation, { name: `Opération ${randomUUID().slice(0, 6)}`, ...o }),
    party: (o: DeepPartial<ContractParty> & { contractId: string; companyId: string }) => save(ContractParty, { role: 'subcontractor', ...o }),
    /** A payment as declared (status included). */
    payment: (o: DeepPartial<Payment> & { contractId: string; payerId: string; payeeId: string }) =>
      save(Payment, { month: '2026-03-01', amountCents: 100_000, status: 'declared', ...o }),
  };
}
