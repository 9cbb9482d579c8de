// Lists as CSV: `Accept: text/csv` on a list route answers the whole list (every page from the
// cursor on, up to CSV_MAX_ROWS) as UTF-8 CSV with a BOM (Excel reads the Chinese text right), a
// header row and Content-Disposition; more rows than that: `x-next-cursor` says where to go on.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { toCsv, type CsvValue } from '../../domain/csv';

export const CSV_MAX_ROWS = 10_000;
const CSV_PAGE = 200;

export const wantsCsv = (request: Pick<FastifyRequest, 'headers'>): boolean => (request.headers.accept ?? '').toLowerCase().includes('text/csv');

/**
 * A 200 that is JSON, or CSV when the client sends Accept: text/csv: both media types declared in
 * the OpenAPI document for this response (a union under application/json alone would leave the
 * CSV answer undocumented, which the fuzzer reports as ST105).
 */
export const jsonOrCsvContent = <T extends z.ZodType>(schema: T, csv: string) => ({
  content: { 'application/json': { schema }, 'text/csv': { schema: z.string().describe(`with Accept: text/csv: ${csv}`) } },
});

/** A list's 200 answer: the JSON page, or with Accept: text/csv the CSV text. */
export const jsonOrCsv = <T extends z.ZodType>(schema: T, columns: readonly string[]) =>
  jsonOrCsvContent(schema, `the whole list as CSV (UTF-8 with BOM; columns ${columns.join(', ')}; at most ${CSV_MAX_ROWS} rows, x-next-cursor when more follow)`);

/** Every item from `cursor` on, page by page, up to CSV_MAX_ROWS. */
export async function collectPages<T>(cursor: string | undefined, fetchPage: (cursor: string | undefined, limit: number) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const items: T[] = [];
  let next = cursor;
  for (;;) {
    const page = await fetchPage(next, Math.min(CSV_PAGE, CSV_MAX_ROWS - items.length));
    items.push(...page.items);
    if (page.nextCursor === null || items.length >= CSV_MAX_ROWS) return { items, nextCursor: page.nextCursor };
    next = page.nextCursor;
  }
}

export function sendCsv(reply: FastifyReply, o: { filename: string; header: readonly string[]; rows: ReadonlyArray<ReadonlyArray<CsvValue>>; nextCursor: string | null }): FastifyReply {
  if (o.nextCursor !== null) void reply.header('x-next-cursor', o.nextCursor);
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${o.filename}"`)
    .send(toCsv(o.header, o.rows, { bom: true }));
}
