// The shortlist as CSV for Excel and WPS on Chinese Windows: UTF-8 with a BOM (without it they guess GBK
// and show mojibake), CRLF line ends, papaparse for the quoting.
import Papa from 'papaparse';
import { cellValue, neutralise } from './cells';
import type { ShortlistExport } from './model';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const field = (v: string | number | null): string => (v === null ? '' : String(v));

export function shortlistCsv(data: ShortlistExport): Buffer {
  const table: string[][] = [
    data.columns.map((c) => field(neutralise(c.header))),
    ...[...data.rows, ...(data.totals ? [data.totals] : [])].map((r) => data.columns.map((c) => field(neutralise(cellValue(c.kind, r[c.key]))))),
  ];
  if (data.notes.length) {
    table.push([]); // papaparse writes an empty row as a blank line
    for (const note of data.notes) table.push([field(neutralise(note))]);
  }
  // Neutralising is done above, per cell and only for text; papaparse's escapeFormulae would work on the
  // stringified value and so could not tell the number -35.5 from the text "-35.5".
  const body = Papa.unparse(table, { newline: '\r\n', quotes: false, escapeFormulae: false });
  return Buffer.concat([BOM, Buffer.from(body + '\r\n', 'utf8')]);
}
