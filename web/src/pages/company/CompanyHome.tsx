import { ContractComplianceList } from '../../compliance/ContractComplianceList';
import { PageTitle } from '../../layout/PageTitle';

/** The company's home: the contracts it holds, is a party to or employs people on. */
export function CompanyHome() {
  return (
    <>
      <PageTitle title="Mes marchés">Mes marchés</PageTitle>
      <ContractComplianceList emptyHint="Les marchés dont votre entreprise est titulaire, cotraitante ou sous-traitante apparaîtront ici dès que l’acheteur ou le facilitateur les aura enregistrés." />
    </>
  );
}
