// Resident ID numbers (GB 11643): the client-side check of the create/edit form. The server checks again
// (and more: birth date and gender against the row, duplicates), as for an import.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Full-width digits and letters to half-width, spaces removed, x upper-cased. */
export function normaliseId(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase();
}

export type IdProblem = 'length' | 'chars' | 'date' | 'checksum';

/** null when the number is well formed: 17 digits, a real birth date, and the right check character. */
export function idProblem(raw: string): IdProblem | null {
  const id = normaliseId(raw);
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'chars';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > Date.now()) {
    return 'date';
  }
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17] ? null : 'checksum';
}

/** The gender the 17th digit encodes: odd = male. */
export function idGender(raw: string): 'M' | 'F' | null {
  const id = normaliseId(raw);
  return /^\d{17}/.test(id) ? (Number(id[16]) % 2 === 1 ? 'M' : 'F') : null;
}
