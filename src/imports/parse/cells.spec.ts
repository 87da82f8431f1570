import { CellError, hoursCell, monthCell, normaliseKey, sourceCell } from './cells';

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
    expect(() => hoursCell('')).toThrow(/required/);
    expect(() => hoursCell('12,345')).toThrow(/at most 2 decimals/);
  });

  it('reads months in the usual spellings, and date cells', () => {
    for (const m of ['2026-03', '2026-3', '03/2026', '3/2026', '01/03/2026', '2026-03-15', '2026/03']) expect(monthCell(m)).toBe('2026-03-01');
    expect(monthCell(new Date(Date.UTC(2026, 2, 1)))).toBe('2026-03-01');
    expect(() => monthCell('13/2026')).toThrow(CellError);
    expect(() => monthCell('mars 2026')).toThrow(/not a month/);
  });

  it('reads the source in French or as the API code', () => {
    expect(sourceCell('Relevé entreprise')).toBe('company_statement');
    expect(sourceCell('ETTI')).toBe('intermediary_statement');
    expect(sourceCell('bulletin de paie')).toBe('payslip');
    expect(sourceCell('payslip')).toBe('payslip');
    expect(() => sourceCell('fax')).toThrow(/not a source/);
  });

  it('compares headers without accents, case or punctuation', () => {
    expect(normaliseKey('  Code bénéficiaire ')).toBe('code_beneficiaire');
    expect(normaliseKey('Référence du marché')).toBe('reference_du_marche');
  });
});
