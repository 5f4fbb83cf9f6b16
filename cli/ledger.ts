// `hcp ledger verify`: recompute the ratings ledger's hash chain and report the first broken link.
// A summary in Chinese on standard output; the last line is for scripts: `ok <rows>` or
// `broken at sequence <n> (<id>): <reason>`.
// Database: DATABASE_URL, else the embedded one of `npm start`.
// Exit codes: 0 the chain is intact; 1 it is broken, or the database could not be read; 2 bad arguments.
import { describeLinkProblem, type LinkProblem } from '../domain/evaluation/ledger-verify.ts';
import { commandConfig } from './command-config.ts';
import { createDb } from '../infra/db.ts';
import { verifyLedger, type LedgerVerification } from '../infra/ledger/verify.ts';
import { verifySubjectLedger } from '../infra/ledger/subject-verify.ts';
import { appDatabaseUrl } from '../infra/postgres.ts';
import type { Db } from '../infra/db.ts';
import type { CommandOutput } from './calendar.ts';
import { errorMessage } from '../infra/error-message.ts';

const EXIT_OK = 0;
const EXIT_BROKEN = 1;
const EXIT_USAGE = 2;

const USAGE = [
  '用法：',
  '  hcp ledger verify   逐条重新计算评价记录（含综合点评、监督查评）的哈希链，报告第一处断链',
];

export interface LedgerCommandOptions {
  environment?: NodeJS.ProcessEnv;
}

const PROBLEM_NAMES: Record<LinkProblem['kind'], string> = {
  'hash-mismatch': '记录内容与其哈希不符（该条记录被修改过）',
  'previous-hash-mismatch':
    'previous_hash 与上一条记录的哈希不符（上一条记录的哈希被改写，或记录顺序被调换）',
  gap: '此前有记录缺失（被删除）',
  'out-of-order': '序号未按升序排列',
};

/** Prints one ledger's summary in Chinese; returns the line for scripts when the chain is broken. */
function printLedger(label: string, table: string, result: LedgerVerification, out: CommandOutput) {
  const rate = result.seconds > 0 ? Math.round(result.rows / result.seconds) : result.rows;
  out.log(`${label} ${result.rows} 条，用时 ${result.seconds.toFixed(2)} 秒（每秒 ${rate} 条）`);
  if (result.head) out.log(`最后一条完好记录：序号 ${result.head.sequence}，哈希 ${result.head.hash}`);
  const broken = result.firstBroken;
  if (!broken) return undefined;
  out.log(
    `哈希链断裂：序号 ${broken.sequence}（评价 ${broken.id}）——${PROBLEM_NAMES[broken.problem.kind]}。`,
  );
  const where = table === 'evaluations' ? '' : `${table} `;
  return `broken at ${where}sequence ${broken.sequence} (${broken.id}): ${describeLinkProblem(broken.problem)}`;
}

/** Both chains: the ratings of 办件, then the sibling ledger of ratings without one (docs/ledger.md). */
async function verifyBoth(db: Db, out: CommandOutput): Promise<number> {
  const ratings = await verifyLedger(db);
  let broken = printLedger('已核验评价记录', 'evaluations', ratings, out);
  let rows = ratings.rows;
  if (!broken) {
    const subjects = await verifySubjectLedger(db);
    broken = printLedger('已核验综合点评与监督查评记录', 'subject_evaluations', subjects, out);
    rows += subjects.rows;
  }
  if (!broken) {
    out.log('哈希链完整：未发现修改、删除或断链。');
    out.log(`ok ${rows}`);
    return EXIT_OK;
  }
  out.log('请勿继续修改数据库，按 docs/ledger.md「核验失败时」处理。');
  out.log(broken);
  return EXIT_BROKEN;
}

/** Runs `ledger …` (args start after the word "ledger"); returns the exit code. */
export async function runLedgerCommand(
  args: string[],
  out: CommandOutput,
  options: LedgerCommandOptions = {},
): Promise<number> {
  if (args.length !== 1 || args[0] !== 'verify') {
    if (args.length > 0) out.error(`错误：未知的参数「${args.join(' ')}」`);
    for (const line of USAGE) out.error(line);
    return EXIT_USAGE;
  }
  const config = commandConfig(out, options.environment);
  if (!config) return EXIT_BROKEN;
  const db = createDb(appDatabaseUrl(config), 1);
  try {
    return await verifyBoth(db, out);
  } catch (error: unknown) {
    out.error(`未能核验：${errorMessage(error)}`);
    return EXIT_BROKEN;
  } finally {
    await db.destroy();
  }
}
