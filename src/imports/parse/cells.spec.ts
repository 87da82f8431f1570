import { say } from '../../common/messages';
import { CellError, hoursCell, monthCell, normaliseKey, siretCell, sourceCell } from './cells';

/** The French sentence a cell's refusal says. */
function refusal(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    if (e instanceof CellError) return say(e.said, 'fr');
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('cells of an uploaded file', () => {
  it('reads hours as French Excel writes them, exactly, in hundredths', () => {
    expect(hoursCell('151,67')).toBe(15167);
    expect(hoursCell('1 234,50')).toBe(123450);
    expect(hoursCell('1\u202f234,5')).toBe(123450); // narrow no-break space, as Intl fr-FR formats
    expect(hoursCell('1.234,50')).toBe(123450);
    expect(hoursCell('151.67')).toBe(15167);
    expect(hoursCell('35 h')).toBe(3500);
    expect(hoursCell(151.67)).toBe(15167);
    expect(hoursCell(0.1 + 0.2)).toBe(30);
  });

  it('refuses what is not hours, saying why', () => {
    for (const bad of ['12,345', '-3', 'abc', '1,2,3', 151.678]) expect(() => hoursCell(bad)).toThrow(CellError);
    expect(refusal(() => hoursCell(''))).toBe('est vide : les heures travaillées dans le mois sont obligatoires');
    expect(refusal(() => hoursCell('12,345'))).toBe('« 12,345 » n’est pas un nombre d’heures positif avec deux décimales au plus (ex. 151,67)');
  });

  it('reads months in every spelling French Excel and LibreOffice write, date cells and serial numbers', () => {
    const march = [
      '2026-03', '2026-3', '03/2026', '3/2026', '3-2026', '03.2026', '01/03/2026', '15/03/26', '2026-03-15', '2026/03', '03/26', '202603', '46082',
      'mars-26', 'Mars 2026', 'MARS-2026', 'mar-26', 'Mar. 2026', '1er mars 2026', '01-mars-26', 'march 2026',
    ];
    for (const m of march) expect([m, monthCell(m)]).toEqual([m, '2026-03-01']);
    const others: [string, string][] = [
      ['janv.-26', '2026-01'], ['févr.-26', '2026-02'], ['fevr. 2026', '2026-02'], ['avr.-26', '2026-04'], ['mai-26', '2026-05'], ['juin-26', '2026-06'],
      ['juil.-26', '2026-07'], ['août-26', '2026-08'], ['aout 2026', '2026-08'], ['sept.-26', '2026-09'], ['oct.-26', '2026-10'], ['nov.-26', '2026-11'],
      ['déc.-26', '2026-12'], ['Décembre 2026', '2026-12'], ['nov 2029', '2029-11'], ['nov-30', '1930-11'],
    ];
    for (const [m, month] of others) expect([m, monthCell(m)]).toEqual([m, `${month}-01`]);
    expect(monthCell(new Date(Date.UTC(2026, 2, 1)))).toBe('2026-03-01');
    expect(monthCell(46082)).toBe('2026-03-01'); // a date cell left in Standard format: Excel's serial number
    expect(monthCell(46082.75)).toBe('2026-03-01');
    expect(monthCell(202603)).toBe('2026-03-01');
  });

  it('refuses what is no month, or reads two ways, saying why', () => {
    expect(refusal(() => monthCell('13/2026'))).toBe('« 13/2026 » n’est pas un mois (ex. 03/2026, mars 2026 ou 2026-03)');
    expect(refusal(() => monthCell('avril'))).toBe('« avril » ne dit pas l’année : écrivez le mois avec son année (ex. 03/2026 ou mars 2026)');
    expect(refusal(() => monthCell('ma-26'))).toBe('« ma-26 » est ambigu : ce peut être mars ou mai ; écrivez le mois en entier ou en chiffres (ex. 06/2026)');
    expect(refusal(() => monthCell('03/04'))).toBe('« 03/04 » est ambigu : ce peut être mars 2004, ou le 3 avril d’une année non dite ; écrivez l’année sur quatre chiffres (ex. 03/2026)');
    expect(refusal(() => monthCell(''))).toBe('est vide : le mois travaillé est obligatoire (ex. 03/2026)');
    for (const bad of ['30/02/2026', 'bonjour 2026', '12345', 151.67, 3]) expect(() => monthCell(bad)).toThrow(CellError);
  });

  it('reads SIRETs as spreadsheets leave them, and says what Excel did to the others', () => {
    expect(siretCell('356 000 000 00048')).toBe('35600000000048');
    expect(siretCell(35600000000048)).toBe('35600000000048');
    expect(refusal(() => siretCell('3,6E+13'))).toMatch(/^« 3,6E\+13 » : le tableur a écrit ce SIRET comme un nombre en notation scientifique et ses derniers chiffres sont perdus ; mettez la colonne au format Texte/);
    expect(refusal(() => siretCell('3.56E+13'))).toMatch(/notation scientifique/);
    expect(refusal(() => siretCell('1234567800011'))).toMatch(/^« 1234567800011 » n’a que 13 chiffres : le tableur a sans doute enlevé le zéro du début/);
    expect(refusal(() => siretCell('35600000000049'))).toBe('« 35600000000049 » : la clé de contrôle du SIRET est fausse');
  });

  it('reads the source in French or as the API code', () => {
    expect(sourceCell('Relevé entreprise')).toBe('company_statement');
    expect(sourceCell('ETTI')).toBe('intermediary_statement');
    expect(sourceCell('bulletin de paie')).toBe('payslip');
    expect(sourceCell('payslip')).toBe('payslip');
    expect(refusal(() => sourceCell('fax'))).toBe('« fax » n’est pas une source : releve_entreprise, releve_intermediaire ou bulletin_de_paie');
  });

  it('compares headers without accents, case or punctuation', () => {
    expect(normaliseKey('  Code bénéficiaire ')).toBe('code_beneficiaire');
    expect(normaliseKey('Référence du marché')).toBe('reference_du_marche');
  });
});
