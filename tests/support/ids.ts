/** Test-only: makes a valid 18-character ID number with its own ISO 7064 MOD 11-2 check digit, independent of the code under test. */
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const C = '10X98765432';

export function makeId(region6: string, birth: string, seq: number, male: boolean): string {
  let s3 = seq % 1000;
  if ((s3 % 2 === 1) !== male) s3 = (s3 + 1) % 1000;
  const body = `${region6}${birth.replace(/-/g, '')}${String(s3).padStart(3, '0')}`;
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (W[i] as number), 0);
  return body + C[sum % 11];
}
