// `hcp fraud scan`: check every rating stored since the last scan against the fraud signals (art. 23).
// The server checks each rating right after it is stored, best effort; this catches every rating whose
// check was lost (the server stopped between commit and check). Flags are recorded once per rating and
// signal, so a rating checked twice is flagged once. Last line for scripts: `scanned <n> flagged <m>`.
// Database: DATABASE_URL, else the embedded one of `npm start`; the keys: HCP_ENCRYPTION_KEY(S), and the halls'
// networks: HALL_NETWORKS, as the server.
// Exit codes: 0 done; 1 the database could not be read or the configuration is wrong; 2 bad arguments.
import { commandConfig } from './command-config.ts';
import { createDb } from '../infra/db.ts';
import { createFraudChecker } from '../infra/fraud/checker.ts';
import { DEFAULT_FRAUD_THRESHOLDS } from '../domain/fraud/thresholds.ts';
import { appDatabaseUrl } from '../infra/postgres.ts';
import { createProtector } from '../infra/protector.ts';
import type { CommandOutput } from './calendar.ts';
import { errorMessage } from '../infra/error-message.ts';

const USAGE = ['用法：', '  hcp fraud scan   检查上次扫描以来的全部评价是否触发刷评信号，记录疑似刷评标记'];

export async function runFraudCommand(
  args: string[],
  out: CommandOutput,
  options: { environment?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  if (args.length !== 1 || args[0] !== 'scan') {
    if (args.length > 0) out.error(`错误：未知的参数「${args.join(' ')}」`);
    for (const line of USAGE) out.error(line);
    return 2;
  }
  const config = commandConfig(out, options.environment);
  if (!config) return 1;
  const db = createDb(appDatabaseUrl(config), 2);
  const protector = createProtector(config.encryptionKeys);
  try {
    const result = await createFraudChecker({
      db,
      lookupHash: (value) => protector.lookupHash(value),
      thresholds: { ...DEFAULT_FRAUD_THRESHOLDS, hallNetworks: config.hallNetworks },
    }).scan();
    out.log(
      `已检查评价 ${result.evaluated} 条，新增疑似刷评标记 ${result.flagged} 条（已检查至序号 ${result.throughSequence}）。`,
    );
    out.log(`scanned ${result.evaluated} flagged ${result.flagged}`);
    return 0;
  } catch (error: unknown) {
    out.error(`未能检查：${errorMessage(error)}`);
    return 1;
  } finally {
    await db.destroy();
  }
}
