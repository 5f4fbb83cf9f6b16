// Reading an uploaded workbook off the main thread: exceljs parses a sheet of 50,000 rows in about two seconds
// of one thread, stalling the event loop for most of a second at a time (measured: 706 ms), and the server's
// main thread also answers the raters (p99 under 50 ms, issue 5). A worker thread (./sheet-reader-worker.ts)
// does the counting and the parsing; the rows come back in batches. The same refusals as readSheet.
import { Worker } from 'node:worker_threads';
import { DomainError, type DomainErrorId } from '../../domain/errors.ts';
import type { SheetRow } from '../../domain/imports/cells.ts';
import type { Sheet, SheetLayout } from './xlsx-sheet.ts';

export type SheetReaderMessage =
  | { kind: 'header'; header: string[] }
  | { kind: 'rows'; rows: SheetRow[] }
  | { kind: 'done' }
  | { kind: 'refused'; id: DomainErrorId; details: Record<string, unknown> }
  | { kind: 'failed'; message: string };

/**
 * The sheet as readSheet reads it; with `maxRows`, a workbook of more rows over all its sheets is refused
 * (`import.too_many_rows`) before it is parsed.
 */
export function readSheetOffThread(
  file: Buffer,
  layout: SheetLayout,
  { maxRows }: { maxRows?: number } = {},
): Promise<Sheet> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./sheet-reader-worker.mjs', import.meta.url), {
      workerData: { file, layout, maxRows },
    });
    let header: string[] = [];
    const rows: SheetRow[] = [];
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      finish();
    };
    worker.on('message', (message: SheetReaderMessage) => {
      if (message.kind === 'header') header = message.header;
      else if (message.kind === 'rows') for (const row of message.rows) rows.push(row);
      else if (message.kind === 'done') settle(() => resolve({ header, rows }));
      else if (message.kind === 'refused') settle(() => reject(new DomainError(message.id, message.details)));
      else settle(() => reject(new Error(`reading the workbook failed: ${message.message}`)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the workbook reader stopped (exit code ${code}) before it finished`))),
    );
  });
}
