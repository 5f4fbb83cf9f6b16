// `hcp ledger verify [--head <sequence>:<hash>] [--subject-head <sequence>:<hash>] [--decisions <mark>]`:
// recompute the ratings ledgers' hash chains and report the first broken link; with a head recorded from an
// earlier run, check the chain still passes through it (the newest rows deleted or every later hash rewritten
// shows only so), and with the decisions' mark, that the decisions it covers are as they were.
// A summary in Chinese on standard output; the last line is for scripts: `ok <rows>`,
// `broken at [subject_evaluations ]sequence <n> (<id>): <reason>`, `broken at [subject_evaluations ]recorded head
// <n>: <reason>` or `broken at recorded decisions <id>: decisions changed`.
// Database: DATABASE_URL, else the embedded one of `npm start`.
// Exit codes: 0 the chain is intact; 1 it is broken, or the database could not be read; 2 bad arguments.
import { describeLinkProblem, type LinkProblem } from '../domain/evaluation/ledger-verify.ts';
import { commandConfig } from './command-config.ts';
import { createDb } from '../infra/db.ts';
import { verifyLedger, type LedgerVerification } from '../infra/ledger/verify.ts';
import { verifySubjectLedger } from '../infra/ledger/subject-verify.ts';
import { appDatabaseUrl } from '../infra/postgres.ts';
import {
  decisionsMark,
  formatDecisionsMark,
  parseDecisionsMark,
  type DecisionsMark,
} from '../infra/ledger/decisions-mark.ts';
import {
  checkRecordedHead,
  formatRecordedHead,
  parseRecordedHead,
  type RecordedHead,
} from '../infra/ledger/recorded-head.ts';
import type { Db } from '../infra/db.ts';
import type { CommandOutput } from './calendar.ts';
import { errorMessage } from '../infra/error-message.ts';

const EXIT_OK = 0;
const EXIT_BROKEN = 1;
const EXIT_USAGE = 2;

const USAGE = [
  '用法：',
  '  hcp ledger verify [--head 序号:哈希] [--subject-head 序号:哈希] [--decisions 编号:条数:摘要]',
  '      逐条重新计算评价记录（含综合点评、监督查评）的哈希链，报告第一处断链；',
  '      带上次核验记下的链头时，再核对链仍经过该序号与哈希（防止删除最新记录或整体改写哈希），',
  '      带处理决定摘要时，再核对其所涵盖的评价处理决定未被增删或修改',
];

interface RecordedHeads {
  evaluations?: RecordedHead;
  subjects?: RecordedHead;
  decisions?: DecisionsMark;
}

/** The options after `verify`; undefined when one is not `--head` / `--subject-head` / `--decisions` with its value. */
function parseVerifyOptions(args: string[]): RecordedHeads | undefined {
  const heads: RecordedHeads = {};
  for (let index = 0; index < args.length; index += 2) {
    const [option, value = ''] = [args[index], args[index + 1]];
    if (option === '--decisions' && !heads.decisions) {
      const mark = parseDecisionsMark(value);
      if (!mark) return undefined;
      heads.decisions = mark;
      continue;
    }
    const head = parseRecordedHead(value);
    if (!head) return undefined;
    if (option === '--head' && !heads.evaluations) heads.evaluations = head;
    else if (option === '--subject-head' && !heads.subjects) heads.subjects = head;
    else return undefined;
  }
  return heads;
}

/** The line for scripts when the decisions under the recorded mark are not as they were; undefined when they are. */
async function checkDecisions(db: Db, recorded: DecisionsMark | undefined, out: CommandOutput) {
  if (!recorded) return undefined;
  const now = await decisionsMark(db, recorded.lastId);
  if (now && now.count === recorded.count && now.digest === recorded.digest) {
    out.log(`评价处理决定（编号 ${recorded.lastId} 及以前，共 ${recorded.count} 条）与记录的摘要一致。`);
    return undefined;
  }
  out.log(
    `评价处理决定与记录的摘要不符（编号 ${recorded.lastId} 及以前：记录 ${recorded.count} 条，现有 ${now?.count ?? 0} 条）：其中有决定被删除、修改或补入。`,
  );
  return `broken at recorded decisions ${recorded.lastId}: decisions changed`;
}

const HEAD_PROBLEMS = {
  missing: ['记录的链头已不存在：该序号及其后的记录被删除', 'recorded head missing'],
  different: [
    '记录的链头哈希不符：其后的记录被删除后重写，或整条链的哈希被改写',
    'recorded head hash differs',
  ],
} as const;

/** The line for scripts when a recorded head is not on the chain now; undefined when both are. */
async function checkHeads(db: Db, heads: RecordedHeads, out: CommandOutput) {
  for (const [table, label, head] of [
    ['evaluations', '评价记录', heads.evaluations],
    ['subject_evaluations', '综合点评与监督查评记录', heads.subjects],
  ] as const) {
    if (!head) continue;
    const check = await checkRecordedHead(db, table, head);
    if (check === 'passes') {
      out.log(`${label}的哈希链经过记录的链头（序号 ${head.sequence}）。`);
      continue;
    }
    const [message, reason] = HEAD_PROBLEMS[check];
    out.log(`${label}：${message}（序号 ${head.sequence}）。`);
    const where = table === 'evaluations' ? '' : `${table} `;
    return `broken at ${where}recorded head ${head.sequence}: ${reason}`;
  }
  return undefined;
}

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

/**
 * Both chains: the ratings of 办件, then the sibling ledger of ratings without one (docs/ledger.md); then the
 * heads recorded from an earlier run, if given.
 */
async function verifyBoth(db: Db, heads: RecordedHeads, out: CommandOutput): Promise<number> {
  const ratings = await verifyLedger(db);
  let broken = printLedger('已核验评价记录', 'evaluations', ratings, out);
  let rows = ratings.rows;
  let subjectHead: RecordedHead | undefined;
  if (!broken) {
    const subjects = await verifySubjectLedger(db);
    broken = printLedger('已核验综合点评与监督查评记录', 'subject_evaluations', subjects, out);
    rows += subjects.rows;
    subjectHead = subjects.head;
  }
  broken ??= await checkHeads(db, heads, out);
  broken ??= await checkDecisions(db, heads.decisions, out);
  if (!broken) {
    out.log('哈希链完整：未发现修改、删除或断链。');
    const decisions = await decisionsMark(db);
    const toRecord = [
      ...(ratings.head ? [`--head ${formatRecordedHead(ratings.head)}`] : []),
      ...(subjectHead ? [`--subject-head ${formatRecordedHead(subjectHead)}`] : []),
      ...(decisions ? [`--decisions ${formatDecisionsMark(decisions)}`] : []),
    ];
    if (toRecord.length > 0) {
      out.log(`请将链头记录在数据库管理员无法改写之处，下次核验时带上：${toRecord.join(' ')}`);
    }
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
  const heads = args[0] === 'verify' ? parseVerifyOptions(args.slice(1)) : undefined;
  if (!heads) {
    if (args.length > 0) out.error(`错误：未知的参数「${args.join(' ')}」`);
    for (const line of USAGE) out.error(line);
    return EXIT_USAGE;
  }
  const config = commandConfig(out, options.environment);
  if (!config) return EXIT_BROKEN;
  const db = createDb(appDatabaseUrl(config), 1);
  try {
    return await verifyBoth(db, heads, out);
  } catch (error: unknown) {
    out.error(`未能核验：${errorMessage(error)}`);
    return EXIT_BROKEN;
  } finally {
    await db.destroy();
  }
}
