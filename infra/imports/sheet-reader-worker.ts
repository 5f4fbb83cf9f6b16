// The worker thread of readSheetOffThread (./sheet-reader-thread.ts), started once and kept: for each request
// it counts the workbook's rows against the limit, reads the sheet, and posts its rows back in batches — or
// the file's refusal (a DomainError's id and details), or what else went wrong — each message under the
// request's id.
import { parentPort } from 'node:worker_threads';
import { DomainError } from '../../domain/errors.ts';
import { errorMessage } from '../error-message.ts';
import { readSheet, workbookRowsExceed } from './xlsx-sheet.ts';
import type { SheetReaderAnswer, SheetReaderRequest } from './sheet-reader-thread.ts';

/** Rows per message: each is taken in on the main thread in one go, so a few milliseconds at most. */
const ROWS_PER_MESSAGE = 2_000;
/** Rows a workbook may hold besides its data: the header, other sheets' notes. */
const ROWS_BESIDE_DATA = 1_000;

async function answer({ id, file, layout, maxRows }: SheetReaderRequest): Promise<void> {
  const post = (message: SheetReaderAnswer) => parentPort!.postMessage({ ...message, id });
  try {
    const workbook = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
    // Counted before parsing, with room for the header and a sheet of notes (the template's 说明); the data
    // rows are counted exactly once read.
    if (maxRows !== undefined && (await workbookRowsExceed(workbook, maxRows + ROWS_BESIDE_DATA))) {
      // The count stopped early and left exceljs' temporary copy of the sheet behind, removed only when
      // this thread ends: it ends after this answer, and the next read starts another.
      endAfterThisRead = true;
      throw new DomainError('import.too_many_rows', { maxRows });
    }
    const sheet = await readSheet(workbook, layout);
    if (maxRows !== undefined && sheet.rows.length > maxRows) {
      throw new DomainError('import.too_many_rows', { maxRows });
    }
    post({ kind: 'header', header: sheet.header });
    for (let start = 0; start < sheet.rows.length; start += ROWS_PER_MESSAGE) {
      post({ kind: 'rows', rows: sheet.rows.slice(start, start + ROWS_PER_MESSAGE) });
    }
    post({ kind: 'done' });
  } catch (error: unknown) {
    if (error instanceof DomainError) post({ kind: 'refused', errorId: error.id, details: error.details });
    else post({ kind: 'failed', message: errorMessage(error) });
  }
}

let endAfterThisRead = false;
// One read at a time: a second upload waits instead of doubling the memory in use.
let reads = Promise.resolve();
parentPort!.on('message', (request: SheetReaderRequest) => {
  reads = reads.then(async () => {
    await answer(request);
    if (endAfterThisRead) process.exit(0);
  });
});
