// `hcp rating-code <办件编号>`: the 评价码 of a 办件's receipt and the address its QR code encodes, for a receipt
// printed again at a window — also for a 办件 no connected system reported (stored before reporting systems
// were kept), whose code no system can ask for (docs/privacy.md). Last line for scripts: `<办件编号> <评价码>`.
// Database: DATABASE_URL, else the embedded one of `npm start`; the keys: HCP_ENCRYPTION_KEY(S), as the server.
// Exit codes: 0 done; 1 no such 办件, the database could not be read or the configuration is wrong; 2 bad arguments.
import { commandConfig } from './command-config.ts';
import { createDb } from '../infra/db.ts';
import { appDatabaseUrl } from '../infra/postgres.ts';
import { createProtector } from '../infra/protector.ts';
import { printedRatingCode } from '../domain/evaluation/rating-code.ts';
import { ratingPageUrl } from '../domain/evaluation/rating-links.ts';
import { errorMessage } from '../infra/error-message.ts';
import type { CommandOutput } from './calendar.ts';

const USAGE = ['用法：', '  hcp rating-code <办件编号>   显示办件回执上的评价码和二维码地址（补打回执）'];

export async function runRatingCodeCommand(
  args: string[],
  out: CommandOutput,
  options: { environment?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  // A 办件 number may begin with "-": `hcp rating-code -- -SR-1`; only -h and --help are options.
  const given = args[0] === '--' ? args.slice(1) : args;
  const [id] = given;
  if (given.length !== 1 || !id || (given === args && ['-h', '--help'].includes(id))) {
    if (given.length > 1) out.error(`错误：多余的参数「${given.slice(1).join(' ')}」`);
    for (const line of USAGE) out.error(line);
    return 2;
  }
  const config = commandConfig(out, options.environment);
  if (!config) return 1;
  const db = createDb(appDatabaseUrl(config), 1);
  try {
    if (!(await db('service_records').where({ id }).first('id'))) {
      out.error(`错误：办件「${id}」不存在，请核对办件编号。`);
      return 1;
    }
    const code = createProtector(config.encryptionKeys).ratingCode(id);
    out.log(`办件 ${id} 的评价码：${printedRatingCode(code)}`);
    out.log(
      `回执二维码地址：${ratingPageUrl(config.publicBaseUrl, { serviceRecordId: id, ratingCode: code })}`,
    );
    out.log(`${id} ${code}`);
    return 0;
  } catch (error: unknown) {
    out.error(`未能读取：${errorMessage(error)}`);
    return 1;
  } finally {
    await db.destroy();
  }
}
