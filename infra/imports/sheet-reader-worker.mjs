// Starts the sheet reader's worker thread (./sheet-reader-worker.ts). JavaScript, not TypeScript: Node 20 does
// not carry the main thread's `--import tsx` into a worker, so the worker loads its TypeScript through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./sheet-reader-worker.ts', import.meta.url);
