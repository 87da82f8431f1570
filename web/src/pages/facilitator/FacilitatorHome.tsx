import { ContractComplianceList } from '../../compliance/ContractComplianceList';
import { PageTitle } from '../../layout/PageTitle';

/** The facilitator's home: the contracts executed in its structure's departments, and how their clauses stand. */
export function FacilitatorHome() {
  return (
    <>
      <PageTitle title="Mes marchés suivis">Mes marchés suivis</PageTitle>
      <ContractComplianceList emptyHint="Les marchés exécutés dans les départements de votre structure apparaîtront ici dès qu’ils seront enregistrés, avec l’avancement de leurs clauses." />
    </>
  );
}
