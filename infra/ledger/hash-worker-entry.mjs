// Entry of a ledger hashing worker thread (./hash-pool.ts): a worker does not inherit the main thread's
// TypeScript loader, so it registers tsx itself before loading the worker's code.
import { register } from 'tsx/esm/api';

register();
await import('./hash-worker.ts');
