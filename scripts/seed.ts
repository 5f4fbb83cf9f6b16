// `npm run seed`: load the demo organisation (never in production mode). Without DATABASE_URL it
// loads into the embedded server that `npm start` runs.
import { loadEnvFileIfPresent, readConfig } from '../infra/config.ts';
import { appDatabaseUrl } from '../infra/postgres.ts';
import { createDb, migrateToLatest } from '../infra/db.ts';
import { seedDemoData } from '../infra/seed/seed.ts';

loadEnvFileIfPresent();
const config = readConfig();
if (config.mode === 'production') {
  console.error('生产模式下不加载演示数据 (no demo data in production mode)');
  process.exit(2);
}
const db = createDb(appDatabaseUrl(config), 1);
await migrateToLatest(db);
await seedDemoData(db);
await db.destroy();
console.log('演示数据已加载 (demo data loaded)');
