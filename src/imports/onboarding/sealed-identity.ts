import type { IdentityCipher } from '../../beneficiaries/identity-cipher';
import type { ColumnMap } from '../hours/hours-layout';

/** The identity columns of the beneficiaires sheet (layout keys). */
const IDENTITY_KEYS = ['nom', 'prenom', 'date_naissance'] as const;
/** Where a staged row keeps its identity cells, encrypted. */
const SEALED = 'identite_chiffree';

/** The file's own headers of the identity columns (last name, first name, birth date); null where the file has none. */
export function identityHeaders(map: ColumnMap): (string | null)[] {
  return IDENTITY_KEYS.map((k) => (map.index[k] !== undefined ? map.header[k] : null));
}

const boundTo = (importId: string, line: number) => `import:${importId}:beneficiaires:${line}`;

/**
 * A beneficiaires row as staged in import_rows (kept for the file of refused rows): its identity cells
 * blanked and sealed together with the identity key, bound to the import and line. Names and birth
 * dates are never at rest in clear, even in a dry run never confirmed.
 */
export function sealIdentity(cipher: IdentityCipher, importId: string, line: number, raw: Record<string, string>, headers: (string | null)[]): Record<string, string> {
  if (headers.every((h) => h === null)) return raw;
  const [lastName, firstName, birthDate] = headers.map((h) => (h === null ? '' : (raw[h] ?? '')));
  const sealed: Record<string, string> = { ...raw, [SEALED]: cipher.encrypt(boundTo(importId, line), { lastName, firstName, birthDate }).toString('base64') };
  for (const h of headers) if (h !== null) sealed[h] = '';
  return sealed;
}

/** The row as the user sent it, for the facilitator of the uploading structure. */
export function openIdentity(cipher: IdentityCipher, importId: string, line: number, raw: Record<string, string>, headers: (string | null)[]): Record<string, string> {
  const blob = raw[SEALED];
  if (!blob) return raw;
  const { lastName, firstName, birthDate } = cipher.decrypt(boundTo(importId, line), Buffer.from(blob, 'base64'));
  const open: Record<string, string> = { ...raw };
  delete open[SEALED];
  [lastName, firstName, birthDate].forEach((v, i) => {
    const h = headers[i];
    if (h !== null) open[h] = v;
  });
  return open;
}
