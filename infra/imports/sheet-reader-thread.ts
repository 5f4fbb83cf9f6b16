// Reading an uploaded workbook off the main thread: exceljs parses a sheet of 50,000 rows in about two seconds
// of one thread, stalling the event loop for most of a second at a time (measured: 707 ms), and the server's
// main thread also answers the raters (p99 under 50 ms, issue 5). One worker thread
// (./sheet-reader-worker.ts, started by ./sheet-reader-worker.mjs) does the counting and the parsing; the
// rows come back in batches. It starts with the first read (about a second: loading TypeScript and exceljs)
// and is kept for the next ones, holding the process open only while a read is under way. The same
// refusals as readSheet.
import { Worker } from 'node:worker_threads';
import { DomainError, type DomainErrorId } from '../../domain/errors.ts';
import type { SheetRow } from '../../domain/imports/cells.ts';
import type { Sheet, SheetLayout } from './xlsx-sheet.ts';

export interface SheetReaderRequest {
  id: number;
  file: Uint8Array;
  layout: SheetLayout;
  maxRows?: number | undefined;
}

export type SheetReaderAnswer =
  | { kind: 'header'; header: string[] }
  | { kind: 'rows'; rows: SheetRow[] }
  | { kind: 'done' }
  | { kind: 'refused'; errorId: DomainErrorId; details: Record<string, unknown> }
  | { kind: 'failed'; message: string };

interface PendingRead {
  request: Omit<SheetReaderRequest, 'id'>;
  header: string[];
  rows: SheetRow[];
  resolve: (sheet: Sheet) => void;
  reject: (error: Error) => void;
}

interface Reader {
  worker: Worker;
  pending: Map<number, PendingRead>;
}

/** The reader thread's heap: a 50,000-row sheet of the templates' columns takes about 300 MB. */
const READER_HEAP_MB = 768;

let reader: Reader | undefined;
let nextId = 1;

function startReader(): Reader {
  const worker = new Worker(new URL('./sheet-reader-worker.mjs', import.meta.url), {
    // A workbook of few rows but very many cells (under the upload's 10 MB) took 2.4 GB to read: the reader
    // stops at this much instead of taking the server down with it.
    resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB },
  });
  const started: Reader = { worker, pending: new Map() };
  const finish = (id: number, settle: (read: PendingRead) => void) => {
    const read = started.pending.get(id);
    if (!read) return;
    started.pending.delete(id);
    if (started.pending.size === 0) worker.unref();
    settle(read);
  };
  worker.on('message', (message: SheetReaderAnswer & { id: number }) => {
    const read = started.pending.get(message.id);
    if (!read) return;
    if (message.kind === 'header') read.header = message.header;
    else if (message.kind === 'rows') for (const row of message.rows) read.rows.push(row);
    else if (message.kind === 'done')
      finish(message.id, (done) => done.resolve({ header: done.header, rows: done.rows }));
    else if (message.kind === 'refused')
      finish(message.id, (done) => done.reject(new DomainError(message.errorId, message.details)));
    else
      finish(message.id, (done) => done.reject(new Error(`reading the workbook failed: ${message.message}`)));
  });
  // The next read starts another reader.
  const retire = () => {
    if (reader === started) reader = undefined;
  };
  // A worker that died takes its reads with it.
  const abandon = (error: Error) => {
    retire();
    for (const id of [...started.pending.keys()]) finish(id, (read) => read.reject(error));
  };
  worker.on('error', (error: Error & { code?: string }) =>
    abandon(
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new DomainError('import.file_too_large_to_read', { heapMb: READER_HEAP_MB })
        : error,
    ),
  );
  worker.on('exit', (code) => {
    // Ended on purpose (exceljs' temporary files go with it): reads still waiting go to the next reader.
    if (code === 0) {
      retire();
      for (const [id, read] of [...started.pending]) {
        started.pending.delete(id);
        send(read);
      }
      return;
    }
    abandon(new Error(`the workbook reader stopped (exit code ${code})`));
  });
  return started;
}

/**
 * The sheet as readSheet reads it; with `maxRows`, a workbook of more data rows is refused
 * (`import.too_many_rows`), one of far more before it is parsed.
 */
export function readSheetOffThread(
  file: Buffer,
  layout: SheetLayout,
  { maxRows }: { maxRows?: number | undefined } = {},
): Promise<Sheet> {
  return new Promise((resolve, reject) => {
    send({ request: { file, layout, maxRows }, header: [], rows: [], resolve, reject });
  });
}

function send(read: PendingRead): void {
  reader ??= startReader();
  const { worker, pending } = reader;
  const id = nextId++;
  pending.set(id, read);
  // Held open while a read is under way (a command waits for it), not afterwards.
  worker.ref();
  worker.postMessage({ id, ...read.request } satisfies SheetReaderRequest);
}
