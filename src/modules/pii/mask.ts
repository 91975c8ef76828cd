import { maskId, maskPhone } from './crypto.ts';

/**
 * Finding ID numbers and mobile phones inside free text (audit values, security event details, log lines), so that
 * nothing stored or logged carries one in full. See docs/decisions/0005-masking-per-response.md.
 */

// A run of digits that is not part of a longer run: 18 characters (17 digits and a digit or X) or 15 digits.
const ID18 = /(?<!\d)(\d{6})((?:19|20)\d{2})(\d{2})(\d{2})(\d{3}[0-9Xx])(?!\d)/g;
const ID15 = /(?<!\d)(\d{6})(\d{2})(\d{2})(\d{2})(\d{3})(?![\dXx])/g;
// Mainland mobile numbers, optionally with the country code.
const MOBILE = /(?<![0-9])(?:\+?86[- ]?)?(1[3-9]\d{9})(?![0-9])/g;
// In a search box, any run of six or more digits may be part of an ID number.
const DIGIT_RUN = /\d{6,}[Xx]?/g;

const plausibleDate = (month: string, day: string) => {
  const m = Number(month);
  const d = Number(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
};

/**
 * Masks every 18- or 15-digit ID number (with a birth date where the date belongs, so that region and household
 * numbers stay readable) and every mobile phone number in `text`.
 */
export function maskText(text: string): string {
  if (!/\d{11}/.test(text)) return text;
  return text
    .replace(ID18, (all, _r, _y, m: string, d: string) => (plausibleDate(m, d) ? maskId(all) : all))
    .replace(ID15, (all, _r, _y, m: string, d: string) => (plausibleDate(m, d) ? maskId(all) : all))
    .replace(MOBILE, (_all, phone: string) => maskPhone(phone));
}

/** A search box's text: any run of six or more digits is masked as (part of) an ID number, then as `maskText`. */
export function maskSearch(text: string): string {
  return maskText(text.replace(DIGIT_RUN, (run) => maskId(run)));
}
