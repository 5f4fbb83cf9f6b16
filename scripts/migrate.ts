// `npm run migrate`: bring the database named by DATABASE_URL to the latest schema.
import { loadEnvFileIfPresent, readConfig } from '../infra/config.ts';
import { appDatabaseUrl } from '../infra/postgres.ts';
import { createDb, migrateToLatest } from '../infra/db.ts';

loadEnvFileIfPresent();
const config = readConfig();
const db = createDb(appDatabaseUrl(config), 1);
const applied = await migrateToLatest(db);
await db.destroy();
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'up to date');
