// Where the shipped code tables live: <id>.json, one per provincial interface (README.md beside this file).
import { fileURLToPath } from 'node:url';

export const CODE_TABLES_DIR = fileURLToPath(new URL('.', import.meta.url));

/** The table a partner system uses unless registered with another. */
export const DEFAULT_CODE_TABLE = 'provincial';
