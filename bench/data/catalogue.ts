/** Word lists the generator draws from. Names are invented combinations; authorities are named after real places. */

const unique = (names: string[]) => [...new Set(names)];

export const FIRST_NAMES_F = unique([
  'Awa', 'Fatoumata', 'Nadia', 'Sarah', 'Camille', 'Inès', 'Léa', 'Aïcha', 'Mariam', 'Sophie', 'Yasmina', 'Chloé', 'Kadiatou',
  'Élodie', 'Nour', 'Julie', 'Rokia', 'Hawa', 'Manon', 'Samira', 'Emma', 'Jade', 'Louise', 'Alice', 'Lina', 'Rose', 'Anna',
  'Ambre', 'Mia', 'Léna', 'Zoé', 'Sofia', 'Maëlle', 'Nina', 'Clara', 'Lucie', 'Margaux', 'Pauline', 'Marine', 'Laura', 'Aurélie',
  'Céline', 'Sandrine', 'Nathalie', 'Isabelle', 'Valérie', 'Stéphanie', 'Karima', 'Leïla', 'Salimata', 'Mariama', 'Binta',
  'Oumou', 'Khadija', 'Fatima', 'Amina', 'Djeneba', 'Assa', 'Océane', 'Mélissa', 'Audrey', 'Gwenaëlle', 'Maryse', 'Josiane',
  'Ophélie', 'Anaïs', 'Morgane', 'Coralie', 'Émilie', 'Hélène', 'Solène', 'Yasmine', 'Naïma', 'Ikram', 'Siham', 'Dounia',
]);
export const FIRST_NAMES_M = unique([
  'Mamadou', 'Karim', 'Thomas', 'Moussa', 'Nicolas', 'Yanis', 'Kevin', 'Ibrahim', 'Julien', 'Mehdi', 'Lucas', 'Amadou', 'Sofiane',
  'Romain', 'Bilal', 'Jérôme', 'Souleymane', 'Antoine', 'Rayan', 'Christophe', 'Ousmane', 'David', 'Hamza', 'François', 'Gabriel',
  'Léo', 'Raphaël', 'Arthur', 'Louis', 'Jules', 'Adam', 'Maël', 'Hugo', 'Noah', 'Ethan', 'Nathan', 'Théo', 'Mathis', 'Enzo',
  'Axel', 'Quentin', 'Maxime', 'Alexandre', 'Sébastien', 'Frédéric', 'Laurent', 'Stéphane', 'Olivier', 'Pascal', 'Didier',
  'Cédric', 'Anthony', 'Jordan', 'Dylan', 'Florian', 'Steven', 'Mickaël', 'Youssef', 'Samir', 'Rachid', 'Abdel', 'Nabil',
  'Sékou', 'Boubacar', 'Modibo', 'Issa', 'Lamine', 'Cheikh', 'Adama', 'Seydou', 'Dimitri', 'Killian', 'Loïc', 'Yannick',
  'Gaëtan', 'Benoît', 'Grégory', 'Jean-Pierre', 'Jean-Marc', 'José', 'Manuel', 'Tiago', 'Vincent',
]);
export const LAST_NAMES = unique([
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel',
  'Lefèbvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine',
  'Rousseau', 'Vincent', 'Muller', 'Lefèvre', 'Faure', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier',
  'François', 'Legrand', 'Gauthier', 'Garcia', 'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu',
  'Gautier', 'Masson', 'Marchand', 'Duval', 'Denis', 'Dumont', 'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier',
  'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud', 'Martinez', 'Gérard',
  'Roche', 'Renard', 'Schmitt', 'Roy', 'Leroux', 'Colin', 'Vidal', 'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine',
  'Renaud', 'Dumas', 'Lacroix', 'Olivier', 'Philippe', 'Bourgeois', 'Pierre', 'Benoît', 'Rey', 'Leclerc', 'Payet', 'Rolland',
  'Leclercq', 'Guillaume', 'Lecomte', 'Lopez', 'Jean', 'Dupuy', 'Guillot', 'Hubert', 'Berger', 'Carpentier', 'Sanchez',
  'Diallo', 'Traoré', 'Benali', 'Camara', 'Nguyen', 'Keita', 'Haddad', 'Fofana', 'Cissé', 'Mendy', 'Sylla', 'Da Silva',
  'Konaté', 'Fernandes', 'Belkacem', 'Touré', 'Ndiaye', 'Kaci', 'Sow', 'Ouattara', 'Ben Said', 'Coulibaly', 'Le Goff',
  'Pereira', 'Dos Santos', 'Rodrigues', 'Ferreira', 'Gomes', 'Diop', 'Diarra', 'Bamba', 'Koné', 'Ba', 'Kanté', 'Doumbia',
  'Sissoko', 'Bouzid', 'Mansouri', 'Amrani', 'Cherif', 'Hamidi', 'Saidi', 'Brahimi', 'Yilmaz', 'Kaya', 'Tran', 'Pham',
  'Le Gall', 'Le Roux', 'Morvan', 'Hoarau', 'Grondin', 'Fontaine', 'Jean-Baptiste', 'Pierre-Louis', 'Saint-Jean', 'Étienne',
]);

export const VALIDATORS = [
  'Conseillère PLIE', 'France Travail – conseiller', 'Facilitateur clause sociale', 'Mission locale – conseillère',
  'Cap emploi – conseiller', 'Service insertion du Département', 'Référent RSA', 'Chargée d’insertion SIAE',
];
export const OTHER_REASONS = [
  'Sortant de détention suivi par le SPIP', 'Réfugié statutaire accompagné par le PLIE', 'Parent isolé sans emploi depuis 9 mois',
  'Jeune suivi par l’aide sociale à l’enfance', 'Personne hébergée en CHRS',
];
export const REJECTION_REASONS = [
  'Heures supérieures au planning du chantier pour ce mois', 'Bulletin de paie manquant',
  'Doublon avec le relevé de l’entreprise de travail temporaire', 'Heures déclarées pour une période hors mission',
  'Relevé non signé par l’employeur',
];
export const DISPUTE_REASONS = ['Montant supérieur aux travaux réalisés sur la période', 'Facture non reçue', 'Travaux non réceptionnés'];

/** Building, civil engineering and service trades of insertion jobs (ROME codes). */
export const ROME_CODES = [
  'F1702', 'F1703', 'F1701', 'F1704', 'F1603', 'F1606', 'F1602', 'F1604', 'F1605', 'F1607', 'F1610', 'F1611', 'F1705',
  'K2204', 'K2304', 'A1203', 'N1103', 'N1105', 'N4101', 'I1203', 'I1604', 'G1603', 'G1602', 'K1304', 'H2909',
];

/** CPV codes of works and services that carry social clauses, with their weight. */
export const CPV_CODES: [string, string, number][] = [
  ['45000000-7', 'Travaux de construction', 8], ['45210000-2', 'Travaux de construction de bâtiments', 10],
  ['45211000-9', 'Construction d’immeubles collectifs', 6], ['45214000-0', 'Construction d’établissements d’enseignement', 4],
  ['45221000-2', 'Ouvrages d’art', 3], ['45231000-5', 'Travaux de construction de canalisations', 3],
  ['45233140-2', 'Travaux routiers', 8], ['45234100-7', 'Travaux de construction ferroviaire', 2],
  ['45221240-3', 'Construction de tunnels', 1], ['45111000-8', 'Travaux de démolition', 3],
  ['45262700-8', 'Travaux de transformation de bâtiments', 5], ['45300000-0', 'Travaux d’équipement du bâtiment', 6],
  ['45310000-3', 'Travaux d’équipement électrique', 4], ['45330000-9', 'Travaux de plomberie', 3],
  ['45400000-1', 'Travaux de parachèvement de bâtiment', 5], ['45442100-8', 'Travaux de peinture', 3],
  ['45453000-7', 'Travaux de remise en état et de remise à neuf', 5], ['77310000-6', 'Entretien d’espaces verts', 4],
  ['90910000-9', 'Services de nettoyage', 5], ['90911200-8', 'Nettoyage de bâtiments', 4], ['90500000-2', 'Collecte des déchets', 2],
  ['55520000-1', 'Services de traiteur', 1], ['79710000-4', 'Services de sécurité', 2], ['50700000-2', 'Maintenance des installations', 2],
  ['60112000-6', 'Transport public routier', 1],
];

export const COMPANY_TRADES = [
  'Bâtiment', 'Travaux publics', 'Terrassements', 'Charpente', 'Maçonnerie', 'Menuiseries', 'Peinture', 'Étanchéité',
  'Électricité', 'Plomberie', 'Chauffage', 'Voirie', 'Réseaux', 'Espaces verts', 'Propreté', 'Démolition', 'Couverture',
  'Carrelage', 'Isolation', 'Façades', 'Signalisation', 'Génie civil', 'Nettoyage', 'Sécurité',
];
export const COMPANY_FORMS = ['SARL', 'SAS', 'SA', 'EURL', 'SASU'];
export const MAJOR_PREFIXES = ['Groupe', 'Constructions', 'Entreprise générale', 'Bâtisseurs', 'Compagnie', 'Travaux'];
export const MAJOR_NAMES = [
  'de France', 'Hexagone', 'Atlantique', 'Méditerranée', 'Rhône-Alpes', 'du Nord', 'de l’Est', 'Occitanie', 'Armor',
  'Loire', 'Seine', 'Garonne', 'Alpes', 'Pyrénées', 'Centre', 'Bourgogne', 'Provence', 'Normandie', 'Champagne', 'Vosges',
];
