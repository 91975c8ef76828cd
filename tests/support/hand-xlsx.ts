/**
 * Test helper: writes an xlsx by hand, part by part, streaming (yazl), so that a test can build files no
 * spreadsheet program would (a zip bomb, a cell of hundreds of megabytes, merged ranges) without holding them.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

export type HandCell = string | number | { shared: number } | { inline: string } | null;

export interface HandXlsx {
  rows: HandCell[][];
  /** Shared strings (an iterable of text pieces per string, so that one string may be huge). */
  shared?: (string | Iterable<string>)[];
  /** Merged ranges such as 'A3:A5'. */
  merges?: string[];
  /** Where the shared strings go in the zip: after the sheet as Excel writes, or before it. Default 'after'. */
  sharedOrder?: 'before' | 'after';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
export const colLetter = (i: number): string => (i >= 26 ? colLetter(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

function* sheetXml(x: HandXlsx): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  yield '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  for (let r = 0; r < x.rows.length; r++) {
    const row = x.rows[r] ?? [];
    yield `<row r="${r + 1}">`;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      const ref = `${colLetter(c)}${r + 1}`;
      if (v === null || v === undefined) continue;
      if (typeof v === 'number') yield `<c r="${ref}"><v>${v}</v></c>`;
      else if (typeof v === 'string') yield `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
      else if ('shared' in v) yield `<c r="${ref}" t="s"><v>${v.shared}</v></c>`;
      else {
        yield `<c r="${ref}" t="inlineStr"><is><t>`;
        yield esc(v.inline);
        yield '</t></is></c>';
      }
    }
    yield '</row>';
  }
  yield '</sheetData>';
  if (x.merges?.length)
    yield `<mergeCells count="${x.merges.length}">${x.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`;
  yield '</worksheet>';
}

function* sharedXml(shared: (string | Iterable<string>)[]): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  yield `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">`;
  for (const s of shared) {
    yield '<si><t>';
    if (typeof s === 'string') yield esc(s);
    else for (const piece of s) yield esc(piece);
    yield '</t></si>';
  }
  yield '</sst>';
}

/**
 * Parts up to 16 MB are added whole (sizes in the local header, as Excel writes); larger ones streamed. (unzipper,
 * which exceljs reads with, loses track after a streamed part that is followed by another: keep streamed parts last.)
 */
function add(zip: yazl.ZipFile, g: Iterable<string>, name: string) {
  const pieces: Buffer[] = [];
  let size = 0;
  const it = g[Symbol.iterator]();
  for (let r = it.next(); !r.done; r = it.next()) {
    pieces.push(Buffer.from(r.value));
    size += pieces.at(-1)?.length ?? 0;
    if (size > 16 * 1024 * 1024) {
      const rest = (function* () {
        yield* pieces;
        for (let n = it.next(); !n.done; n = it.next()) yield Buffer.from(n.value);
      })();
      zip.addReadStream(Readable.from(rest), name);
      return;
    }
  }
  zip.addBuffer(Buffer.concat(pieces), name);
}

export async function writeHandXlsx(file: string, x: HandXlsx) {
  const zip = new yazl.ZipFile();
  const hasShared = (x.shared?.length ?? 0) > 0;
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        (hasShared
          ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          : '') +
        '</Types>',
    ),
    '[Content_Types].xml',
  );
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    '_rels/.rels',
  );
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/workbook.xml',
  );
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        (hasShared
          ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
          : '') +
        '</Relationships>',
    ),
    'xl/_rels/workbook.xml.rels',
  );
  const shared = () => add(zip, sharedXml(x.shared ?? []), 'xl/sharedStrings.xml');
  if (hasShared && x.sharedOrder === 'before') shared();
  add(zip, sheetXml(x), 'xl/worksheets/sheet1.xml');
  if (hasShared && x.sharedOrder !== 'before') shared();
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(file));
}
