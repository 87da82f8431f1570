import type { CompanySize, InclusionType } from '../organisations/organisation.entity';
import type { Reservation } from '../clauses/clause.entity';

/**
 * The hand-written part of the Île-de-France demo: who the organisations are and which contracts
 * they sign. Names of authorities are real public bodies; companies, structures and people are
 * invented. The generator (generate.ts) draws the people, hours and payments around this.
 */

export const IDF_DEPARTMENTS = ['75', '77', '78', '91', '92', '93', '94', '95'] as const;

export interface AuthoritySpec { key: string; name: string; departments: string[] }
export const AUTHORITIES: AuthoritySpec[] = [
  { key: 'sgp', name: 'Société des grands projets', departments: ['75', '77', '91', '92', '93', '94', '95'] },
  { key: 'paris', name: 'Ville de Paris', departments: ['75'] },
  { key: 'cd93', name: 'Département de la Seine-Saint-Denis', departments: ['93'] },
  { key: 'parishabitat', name: 'Paris Habitat', departments: ['75'] },
  { key: 'idfm', name: 'Île-de-France Mobilités', departments: ['75', '77', '78', '91', '92', '93', '94', '95'] },
  { key: 'pld', name: 'Paris La Défense', departments: ['92'] },
  { key: 'nanterre', name: 'Ville de Nanterre', departments: ['92'] },
  { key: 'cd77', name: 'Département de Seine-et-Marne', departments: ['77'] },
  { key: 'cd78', name: 'Département des Yvelines', departments: ['78'] },
  { key: 'cd91', name: "Département de l'Essonne", departments: ['91'] },
  { key: 'cd94', name: 'Département du Val-de-Marne', departments: ['94'] },
  { key: 'cd95', name: "Département du Val-d'Oise", departments: ['95'] },
];

/** One structure per department, plus one covering the three inner-ring departments of the metro works. */
export interface FacilitatorSpec { key: string; name: string; departments: string[] }
export const FACILITATORS: FacilitatorSpec[] = [
  { key: 'f75', name: 'Maison des entreprises et de l’emploi de Paris', departments: ['75'] },
  { key: 'f77', name: 'PLIE de Melun Val de Seine', departments: ['77'] },
  { key: 'f78', name: 'Maison de l’emploi du Mantois', departments: ['78'] },
  { key: 'f91', name: 'Maison de l’emploi Cœur Essonne', departments: ['91'] },
  { key: 'f92', name: 'PLIE de Nanterre', departments: ['92'] },
  { key: 'f93', name: 'Maison de l’emploi Plaine Commune', departments: ['93'] },
  { key: 'f94', name: 'PLIE du Val-de-Marne', departments: ['94'] },
  { key: 'f95', name: 'Maison de l’emploi du Val-d’Oise Est', departments: ['95'] },
  { key: 'fgpe', name: 'Facilitateurs Grand Paris Express (92-93-94)', departments: ['92', '93', '94'] },
];

export interface CompanySpec { key: string; name: string; size: CompanySize; inclusion: InclusionType; departments: string[] }
export const COMPANIES: CompanySpec[] = [
  { key: 'cf', name: 'Constructions Franciliennes SA', size: 'large', inclusion: 'none', departments: [] },
  { key: 'gcgp', name: 'Génie Civil du Grand Paris SAS', size: 'large', inclusion: 'none', departments: [] },
  { key: 'tun', name: 'Tunneliers Réunis SAS', size: 'large', inclusion: 'none', departments: [] },
  { key: 'seine', name: 'Seine Infrastructures SA', size: 'large', inclusion: 'none', departments: [] },
  { key: 'prop', name: 'Propreté Urbaine Services SAS', size: 'large', inclusion: 'none', departments: [] },
  { key: 'ett', name: 'Intérim Pro Île-de-France', size: 'large', inclusion: 'none', departments: [] },
  { key: 'elec', name: 'Réseaux Électriques Est Parisien SAS', size: 'medium', inclusion: 'none', departments: ['93', '94'] },
  { key: 'terr', name: 'Terrassements du Vexin SAS', size: 'medium', inclusion: 'none', departments: ['95', '78'] },
  { key: 'sign', name: 'Signalisation Routière 77 SAS', size: 'medium', inclusion: 'none', departments: ['77'] },
  { key: 'secu', name: 'Sécurité Chantiers Services SAS', size: 'medium', inclusion: 'none', departments: [] },
  { key: 'menu', name: 'Menuiseries de la Brie SARL', size: 'small', inclusion: 'none', departments: ['77'] },
  { key: 'peint', name: 'Peinture et Façades 94 SARL', size: 'small', inclusion: 'none', departments: ['94'] },
  { key: 'verts', name: 'Espaces Verts des Yvelines SAS', size: 'small', inclusion: 'none', departments: ['78'] },
  { key: 'plomb', name: 'Plomberie Chauffage Essonne', size: 'micro', inclusion: 'none', departments: ['91'] },
  { key: 'etan', name: 'Étanchéité Val-d’Oise SARL', size: 'micro', inclusion: 'none', departments: ['95'] },
  { key: 'ei', name: 'Tremplin Chantiers', size: 'small', inclusion: 'EI', departments: ['93'] },
  { key: 'ei2', name: 'Nettoyage Solidaire 93', size: 'small', inclusion: 'EI', departments: ['93'] },
  { key: 'etti', name: 'Intérim Insertion Île-de-France', size: 'small', inclusion: 'ETTI', departments: [] },
  { key: 'ai', name: 'Relais Emploi Services', size: 'micro', inclusion: 'AI', departments: ['92'] },
  { key: 'aci', name: 'Les Jardins de l’Ourcq', size: 'micro', inclusion: 'ACI', departments: ['93'] },
  { key: 'ea', name: 'Atelier Francilien Adapté', size: 'small', inclusion: 'EA', departments: ['75'] },
  { key: 'esat', name: 'ESAT Les Ateliers de la Marne', size: 'medium', inclusion: 'ESAT', departments: ['94'] },
  { key: 'geiq', name: 'GEIQ BTP Île-de-France', size: 'small', inclusion: 'GEIQ', departments: [] },
  { key: 'eiti', name: 'Bâtir Ensemble EITI', size: 'micro', inclusion: 'EITI', departments: ['91'] },
];

/**
 * How the insertion target of a contract is set. `pace` is how fast the contract realises its hours
 * against what it should (1.2 = ahead, 0.9 = at risk, 0.6 = behind): the generator derives the
 * target (or the contract's total hours / invoices) from the hours it drew, so the demo shows every
 * status on purpose rather than by accident.
 */
export type InsertionSpec =
  | { mode: 'fixed'; pace: number; penaltyEuros?: number; amendment?: { from: string; factor: number } }
  | { mode: 'formula'; pace: number; labourShare: number; rate: number; hourlyCostEuros: number }
  | { mode: 'percent_of_hours'; pace: number; rate: number; amendment?: { from: string; rate: number } }
  | { mode: 'per_amount_invoiced'; pace: number; eurosPerHour: number };

export interface ContractSpec {
  reference: string;
  title: string;
  cpv: string;
  authority: string;
  holder: string;
  department: string;
  start: string;
  end: string;
  /** Euros excluding tax; for `formula` and `per_amount_invoiced` the generator derives it from the hours instead. */
  amountEuros: number;
  operation?: 'l15s';
  considerations: string[];
  insertion?: InsertionSpec;
  smeShare?: number;
  reserved?: Reservation;
  /** Co-contractors and subcontractors: company key, role, share of the amount. */
  parties?: { company: string; role: 'co_contractor' | 'subcontractor'; share: number }[];
  /** How many beneficiaries' assignments the contract receives. */
  assignments: number;
}

const CS = ['Clause sociale'];
export const CONTRACTS: ContractSpec[] = [
  // Ligne 15 Sud: Société des grands projets, one operation grouping the lots.
  { reference: 'L15S-T2A', title: 'Ligne 15 Sud – lot T2A : génie civil Villejuif – Créteil', cpv: '45221240', authority: 'sgp', holder: 'tun', department: '94', start: '2024-09-02', end: '2027-12-31', amountEuros: 780_000_000, operation: 'l15s', considerations: CS, insertion: { mode: 'fixed', pace: 1.15, penaltyEuros: 45, amendment: { from: '2025-09-01', factor: 1.2 } }, smeShare: 0.2, parties: [{ company: 'elec', role: 'co_contractor', share: 0.1 }, { company: 'peint', role: 'subcontractor', share: 0.06 }, { company: 'ei', role: 'subcontractor', share: 0.02 }], assignments: 30 },
  { reference: 'L15S-T2B', title: 'Ligne 15 Sud – lot T2B : gare de Vitry Centre', cpv: '45213321', authority: 'sgp', holder: 'gcgp', department: '94', start: '2024-10-01', end: '2027-06-30', amountEuros: 310_000_000, operation: 'l15s', considerations: CS, insertion: { mode: 'fixed', pace: 0.9, penaltyEuros: 45 }, assignments: 16 },
  { reference: 'L15S-T3A', title: 'Ligne 15 Sud – lot T3A : Bagneux – Châtillon', cpv: '45221240', authority: 'sgp', holder: 'seine', department: '92', start: '2024-11-04', end: '2028-03-31', amountEuros: 420_000_000, operation: 'l15s', considerations: CS, insertion: { mode: 'fixed', pace: 0.6, penaltyEuros: 45 }, smeShare: 0.2, parties: [{ company: 'terr', role: 'subcontractor', share: 0.12 }, { company: 'secu', role: 'subcontractor', share: 0.04 }], assignments: 14 },
  { reference: 'L15S-T1', title: 'Ligne 15 Sud – lot T1 : Noisy – Champs, systèmes', cpv: '45234100', authority: 'sgp', holder: 'cf', department: '93', start: '2024-09-16', end: '2027-09-30', amountEuros: 190_000_000, operation: 'l15s', considerations: CS, insertion: { mode: 'percent_of_hours', pace: 1.1, rate: 0.05, amendment: { from: '2026-01-01', rate: 0.07 } }, assignments: 14 },
  { reference: 'L16-GARE-CLICHY', title: 'Ligne 16 – gare Clichy-Montfermeil', cpv: '45213321', authority: 'sgp', holder: 'gcgp', department: '93', start: '2024-06-03', end: '2026-12-18', amountEuros: 96_000_000, considerations: CS, insertion: { mode: 'formula', pace: 1.05, labourShare: 0.45, rate: 0.07, hourlyCostEuros: 35 }, assignments: 12 },
  { reference: 'L17-PLAINE', title: 'Ligne 17 – viaduc du Bourget', cpv: '45221111', authority: 'sgp', holder: 'seine', department: '95', start: '2024-11-04', end: '2027-10-29', amountEuros: 140_000_000, considerations: CS, insertion: { mode: 'fixed', pace: 1.05 }, assignments: 10 },
  { reference: 'L18-ORSAY', title: 'Ligne 18 – tronçon Massy – Orsay', cpv: '45234100', authority: 'sgp', holder: 'cf', department: '91', start: '2025-01-06', end: '2027-12-17', amountEuros: 120_000_000, considerations: CS, insertion: { mode: 'fixed', pace: 0.85 }, assignments: 10 },
  // Ville de Paris and Paris Habitat
  { reference: 'VDP-2024-0117', title: 'Rénovation énergétique des écoles du 19e arrondissement', cpv: '45453000', authority: 'paris', holder: 'cf', department: '75', start: '2024-11-04', end: '2026-08-28', amountEuros: 18_500_000, considerations: CS, insertion: { mode: 'formula', pace: 1.2, labourShare: 0.5, rate: 0.05, hourlyCostEuros: 30 }, smeShare: 0.25, parties: [{ company: 'menu', role: 'co_contractor', share: 0.17 }, { company: 'plomb', role: 'subcontractor', share: 0.1 }], assignments: 10 },
  { reference: 'VDP-2025-0042', title: 'Propreté des espaces publics – 18e et 19e arrondissements', cpv: '90610000', authority: 'paris', holder: 'prop', department: '75', start: '2025-01-01', end: '2028-12-31', amountEuros: 24_000_000, considerations: CS, insertion: { mode: 'per_amount_invoiced', pace: 1.0, eurosPerHour: 1_000 }, assignments: 12 },
  { reference: 'VDP-2025-0200', title: 'Entretien des espaces verts – marché réservé', cpv: '77310000', authority: 'paris', holder: 'ea', department: '75', start: '2025-03-03', end: '2027-03-02', amountEuros: 1_200_000, considerations: ['Marché réservé'], reserved: 'ea_esat_L2113_12', assignments: 4 },
  { reference: 'PH-2024-318', title: 'Réhabilitation de 420 logements – Porte de Clignancourt', cpv: '45453100', authority: 'parishabitat', holder: 'cf', department: '75', start: '2024-09-02', end: '2026-12-31', amountEuros: 32_000_000, considerations: CS, insertion: { mode: 'fixed', pace: 0.95, penaltyEuros: 30 }, smeShare: 0.3, parties: [{ company: 'peint', role: 'subcontractor', share: 0.2 }, { company: 'etan', role: 'subcontractor', share: 0.07 }, { company: 'ea', role: 'subcontractor', share: 0.05 }], assignments: 10 },
  // Seine-Saint-Denis
  { reference: 'CD93-2024-55', title: 'Construction du collège de Sevran', cpv: '45214200', authority: 'cd93', holder: 'gcgp', department: '93', start: '2024-11-04', end: '2026-07-31', amountEuros: 28_000_000, considerations: CS, insertion: { mode: 'fixed', pace: 1.3 }, assignments: 10 },
  { reference: 'CD93-2025-12', title: 'Nettoyage des bâtiments départementaux', cpv: '90911200', authority: 'cd93', holder: 'ei2', department: '93', start: '2025-01-01', end: '2027-12-31', amountEuros: 2_400_000, considerations: ['Marché réservé'], reserved: 'siae_L2113_13', assignments: 6 },
  // Île-de-France Mobilités
  { reference: 'IDFM-2024-T1-EST', title: 'Prolongement du tramway T1 – voirie et réseaux', cpv: '45233140', authority: 'idfm', holder: 'seine', department: '94', start: '2024-10-01', end: '2027-04-30', amountEuros: 75_000_000, considerations: CS, insertion: { mode: 'percent_of_hours', pace: 0.88, rate: 0.06 }, smeShare: 0.15, parties: [{ company: 'sign', role: 'subcontractor', share: 0.09 }, { company: 'elec', role: 'subcontractor', share: 0.1 }], assignments: 10 },
  { reference: 'IDFM-2025-PEM-MANTES', title: 'Pôle d’échanges de Mantes-la-Jolie', cpv: '45213310', authority: 'idfm', holder: 'cf', department: '78', start: '2025-02-03', end: '2027-06-30', amountEuros: 42_000_000, considerations: CS, insertion: { mode: 'fixed', pace: 1.1 }, assignments: 8 },
  { reference: 'IDFM-2025-BUS-77', title: 'Dépôt de bus de Melun – extension', cpv: '45213000', authority: 'idfm', holder: 'gcgp', department: '77', start: '2025-01-06', end: '2026-12-18', amountEuros: 22_000_000, considerations: CS, insertion: { mode: 'per_amount_invoiced', pace: 0.75, eurosPerHour: 800 }, assignments: 8 },
  // Paris La Défense (92)
  { reference: 'PLD-2024-ESPLANADE', title: 'Requalification de l’esplanade de La Défense', cpv: '45233200', authority: 'pld', holder: 'seine', department: '92', start: '2024-11-04', end: '2026-10-30', amountEuros: 35_000_000, considerations: CS, insertion: { mode: 'fixed', pace: 1.05 }, assignments: 10 },
  // Departments
  { reference: 'CD77-2025-RD605', title: 'Aménagement de la RD605 à Chelles', cpv: '45233120', authority: 'cd77', holder: 'sign', department: '77', start: '2025-03-03', end: '2026-09-30', amountEuros: 6_800_000, considerations: CS, insertion: { mode: 'fixed', pace: 0.7 }, assignments: 6 },
  { reference: 'CD78-2024-COLLEGES', title: 'Entretien des collèges des Yvelines', cpv: '50700000', authority: 'cd78', holder: 'verts', department: '78', start: '2024-09-02', end: '2027-08-31', amountEuros: 4_500_000, considerations: CS, insertion: { mode: 'formula', pace: 0.85, labourShare: 0.6, rate: 0.1, hourlyCostEuros: 28 }, assignments: 6 },
  { reference: 'CD91-2025-GRIGNY', title: 'Renouvellement urbain de Grigny – voiries', cpv: '45233140', authority: 'cd91', holder: 'cf', department: '91', start: '2025-01-06', end: '2027-06-30', amountEuros: 18_000_000, considerations: CS, insertion: { mode: 'fixed', pace: 1.0 }, smeShare: 0.2, parties: [{ company: 'eiti', role: 'subcontractor', share: 0.05 }, { company: 'plomb', role: 'co_contractor', share: 0.1 }], assignments: 8 },
  { reference: 'CD94-2024-CRETEIL', title: 'Gymnase départemental de Créteil', cpv: '45212200', authority: 'cd94', holder: 'gcgp', department: '94', start: '2024-11-04', end: '2026-06-30', amountEuros: 12_500_000, considerations: CS, insertion: { mode: 'fixed', pace: 0.65 }, assignments: 6 },
  { reference: 'CD95-2025-CERGY', title: 'Lycée de Cergy – extension', cpv: '45214220', authority: 'cd95', holder: 'terr', department: '95', start: '2025-02-03', end: '2027-07-30', amountEuros: 14_000_000, considerations: ['Clause sociale', 'Critère social'], insertion: { mode: 'percent_of_hours', pace: 1.2, rate: 0.08 }, assignments: 8 },
  { reference: 'CD95-2025-ROUTES', title: 'Entretien des routes départementales – secteur Est', cpv: '45233141', authority: 'cd95', holder: 'terr', department: '95', start: '2025-04-01', end: '2028-03-31', amountEuros: 9_000_000, considerations: ['Critère social'], insertion: { mode: 'per_amount_invoiced', pace: 1.15, eurosPerHour: 400 }, assignments: 6 },
];

/** The U-Arena stadium at Nanterre, DOMAIN "Scale": 136,000 h for a 100,000-hour target, by 140 people. */
export const ARENA: ContractSpec & { targetHours: number; realisedHours: number; people: number } = {
  reference: 'ARENA-92', title: 'Arena 92 – construction de la salle de spectacles et de sport de Nanterre', cpv: '45212200',
  authority: 'nanterre', holder: 'cf', department: '92', start: '2014-03-03', end: '2017-09-29', amountEuros: 360_000_000,
  considerations: CS, assignments: 140, targetHours: 100_000, realisedHours: 136_000, people: 140,
};

export const OPERATION_L15S = {
  name: 'Ligne 15 Sud',
  description: 'Pont de Sèvres – Noisy-Champs: lots de génie civil et de systèmes du Grand Paris Express',
  authority: 'sgp',
};

/** Communes (INSEE codes) where beneficiaries live, by department; true = many QPV residents. */
export const COMMUNES: Record<string, [string, boolean][]> = {
  '75': [['75056', true]],
  '77': [['77284', true], ['77288', true], ['77108', false]],
  '78': [['78361', true], ['78621', true], ['78440', true]],
  '91': [['91228', true], ['91174', true], ['91286', true], ['91377', false]],
  '92': [['92050', true], ['92025', false], ['92036', true], ['92007', true]],
  '93': [['93066', true], ['93008', true], ['93048', true], ['93001', true], ['93051', false], ['93014', true], ['93071', true]],
  '94': [['94028', true], ['94076', true], ['94081', true], ['94017', false]],
  '95': [['95018', true], ['95127', true], ['95585', true]],
};

export const FIRST_NAMES_F = ['Awa', 'Fatoumata', 'Nadia', 'Sarah', 'Camille', 'Inès', 'Léa', 'Aïcha', 'Mariam', 'Sophie', 'Yasmina', 'Chloé', 'Kadiatou', 'Élodie', 'Nour', 'Julie', 'Rokia', 'Hawa', 'Manon', 'Samira'];
export const FIRST_NAMES_M = ['Mamadou', 'Karim', 'Thomas', 'Moussa', 'Nicolas', 'Yanis', 'Kevin', 'Ibrahim', 'Julien', 'Mehdi', 'Lucas', 'Amadou', 'Sofiane', 'Romain', 'Bilal', 'Jérôme', 'Souleymane', 'Antoine', 'Rayan', 'Christophe', 'Ousmane', 'David', 'Hamza', 'François'];
export const LAST_NAMES = ['Martin', 'Diallo', 'Traoré', 'Bernard', 'Benali', 'Dubois', 'Camara', 'Nguyen', 'Petit', 'Keita', 'Moreau', 'Haddad', 'Fofana', 'Laurent', 'Cissé', 'Lefèvre', 'Mendy', 'Garcia', 'Sylla', 'Da Silva', 'Rousseau', 'Konaté', 'Fernandes', 'Belkacem', 'Girard', 'Touré', 'Bonnet', 'Ndiaye', 'Mercier', 'Kaci', 'Dupont', 'Sow', 'Lambert', 'Ouattara', 'Fontaine', 'Ben Said', 'Chevalier', 'Coulibaly', 'Le Goff', 'Pereira'];

export const VALIDATORS = ['Conseillère PLIE', 'France Travail – conseiller', 'Facilitateur clause sociale', 'Mission locale – conseillère', 'Cap emploi – conseiller', 'Service insertion du Département'];
export const REJECTION_REASONS = [
  'Heures supérieures au planning du chantier pour ce mois',
  'Bulletin de paie manquant',
  'Doublon avec le relevé de l’entreprise de travail temporaire',
  'Heures déclarées pour une période hors mission',
];
export const ROME_CODES = ['F1702', 'F1703', 'F1701', 'F1704', 'F1603', 'F1606', 'F1602', 'K2204', 'A1203', 'N1103', 'F1705', 'I1203'];
