/**
 * The one place the application turns figures into French text (fr-FR): numbers `1 234,50`,
 * dates `31/03/2026`, months `mars 2026`. The API sends hours as decimals with two places, money as
 * integer cents, dates as `YYYY-MM-DD` and months as `YYYY-MM`: these functions read exactly that.
 */
const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const twoPlaces = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
// UTC: a calendar date has no time of day, and must not move a day back west of Greenwich.
const date = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const month = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `1234.5` → `1 234,5` */
export const formatNumber = (n: number): string => number.format(n);

/** Hours, always with their two places: `1234.5` → `1 234,50 h` */
export const formatHours = (hours: number): string => `${twoPlaces.format(hours)}\u00a0h`;

/** Integer cents → `1 234,50 €` */
export const formatCents = (cents: number): string => euros.format(cents / 100);

/** A share between 0 and 1 → `12,5 %` */
export const formatShare = (share: number): string => percent.format(share);

/** `2026-03-31` → `31/03/2026` */
export const formatDate = (isoDate: string): string => date.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));

/** `2026-03` (or a date in it) → `mars 2026` */
export const formatMonth = (isoMonth: string): string => month.format(new Date(`${isoMonth.slice(0, 7)}-01T00:00:00Z`));

/** Today as the API writes dates, `YYYY-MM-DD` (UTC, as the API's own default). */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);
