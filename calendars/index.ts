// Where the calendar data lives: cn/<year>.json (State Council notices) and regions/<region>.json
// (regional override layers), described by schema.json and README.md beside this file.
import { fileURLToPath } from 'node:url';

export const CALENDARS_DIR = fileURLToPath(new URL('.', import.meta.url));
