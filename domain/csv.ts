// CSV as RFC 4180 writes it (csv-stringify): CRLF line ends, the header first, a field quoted when
// it holds a comma, a quote or a line break, quotes doubled. Pure: reports and list exports call it.
import { stringify } from 'csv-stringify/sync';

export type CsvValue = string | number | boolean | null;

/** One CSV field. */
export function csvField(value: CsvValue): string {
  return stringify([[value === null ? '' : value]], { record_delimiter: '', cast: { boolean: (b) => String(b) } });
}

/**
 * Rows as CSV. `bom`: start with U+FEFF, so Excel opens the UTF-8 (Chinese text) as UTF-8
 * rather than the system's code page.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvValue>>, o: { bom?: boolean } = {}): string {
  return stringify([[...header], ...rows.map((r) => r.map((v) => (v === null ? '' : v)))], {
    record_delimiter: 'windows',
    bom: o.bom === true,
    // A field a spreadsheet would run as a formula (=, +, -, @ first: a title typed by anyone) is written as text.
    escape_formulas: true,
    cast: { boolean: (b) => String(b) },
  });
}
