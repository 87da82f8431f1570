/**
 * French number formats (Intl 'fr-FR'): the group separator is U+202F (narrow no-break space),
 * which is why the PDF embeds DejaVu Sans (the standard PDF fonts lack it).
 */
const hours = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const euro = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

export type CellType = 'text' | 'hours' | 'int' | 'share' | 'fte' | 'euros';

export function formatCell(value: string | number | null, type: CellType): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  switch (type) {
    case 'hours':
    case 'fte':
      return hours.format(value);
    case 'int':
      return integer.format(value);
    case 'share':
      return percent.format(value);
    case 'euros':
      return euro.format(value);
    default:
      return String(value);
  }
}

/** "2026-03-31" → "31/03/2026". */
export const frenchDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** An ISO timestamp as a French date and UTC time, e.g. "23/11/2026 10:08 UTC". */
export const frenchDateTime = (iso: string): string => `${frenchDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;
