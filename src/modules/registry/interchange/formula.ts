/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a cell whose text starts with `=`, `+`, `-`, `@`, tab or
 * carriage return is run as a formula by Excel and LibreOffice when the file is opened (CSV) or the cell is edited
 * (xlsx). Every writer of the interchange format prefixes such text with a single quote, and the reader takes one
 * quote off again, so that an exported file imports back unchanged.
 *
 * Text that already starts with quotes before such a character gets one more, so the mapping is reversible for any
 * text (`'=x` is written `''=x` and read back as `'=x`). Text that is a plain number (`-300`, `+1.5`) is left alone:
 * Excel reads it as a number, never a formula, and a clerk's negative income must not turn into text.
 */

const TRIGGER = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Whether `text` would be taken for a formula (or is text of that shape already quoted) and must be prefixed. */
export function needsQuote(text: string): boolean {
  return TRIGGER.test(text) && !PLAIN_NUMBER.test(text);
}

/** The text as written into a file: prefixed with `'` when a spreadsheet would run it. */
export function neutralise(text: string): string {
  return needsQuote(text) ? `'${text}` : text;
}

/** The inverse of `neutralise`, for text read from a file. */
export function restore(text: string): string {
  return text.charCodeAt(0) === 39 && needsQuote(text.slice(1)) ? text.slice(1) : text;
}
