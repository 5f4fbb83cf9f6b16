// `hcp channel …`: register the rating channels that authenticate with keys, and replace their keys.
//   hcp channel add-device <device id> --window <institution id>
//   hcp channel add-partner <partner id> --platform <platform id> --name <name> [--code-table <id>]
//   hcp channel set-code-table <partner id> <code table id>
//   hcp channel new-key device|partner <id>
// A key is printed once (last line `key <key>`); only its hash is stored. A partner's code table (its
// interface's satisfaction and channel codes, code-tables/<id>.json or CODE_TABLES_DIR) is 'provincial'
// unless given. Database: DATABASE_URL, else the embedded one of `npm start`. Exit codes: 0 done; 1 refused
// (unknown window, platform, code table or channel, already registered) or the database could not be
// reached; 2 bad arguments.
import { readConfig } from '../infra/config.ts';
import { createDb, type Db } from '../infra/db.ts';
import { appDatabaseUrl } from '../infra/postgres.ts';
import {
  registerDevice,
  registerPartner,
  replaceChannelKey,
  setPartnerCodeTable,
  type RegistrationOutcome,
} from '../infra/stores/channel-registry.ts';
import { loadCodeTables } from '../infra/code-table-files.ts';
import { DEFAULT_CODE_TABLE } from '../code-tables/index.ts';
import { UsageProblem, parseOptions } from './arguments.ts';
import type { CommandOutput } from './calendar.ts';
import { errorMessage } from '../infra/error-message.ts';

const USAGE = [
  '用法：',
  '  hcp channel add-device <评价器编号> --window <窗口编号>',
  '  hcp channel add-partner <接入系统编号> --platform <平台编号> --name <名称> [--code-table <代码表>]',
  '  hcp channel set-code-table <接入系统编号> <代码表>   更换接入系统使用的满意度和渠道代码表',
  '  hcp channel new-key device|partner <编号>     更换密钥（旧密钥立即失效）',
];

const REFUSALS: Record<Exclude<RegistrationOutcome['kind'], 'registered'>, string> = {
  'already-registered': '该编号已登记；如需更换密钥，请用 hcp channel new-key。',
  'unknown-institution': '窗口编号不存在，请核对 institutions。',
  'unknown-platform': '平台编号不存在，请核对 platforms。',
  'unknown-code-table':
    '代码表不存在：可用的代码表见 code-tables/ 及 CODE_TABLES_DIR 目录（文件名即代码表编号）。',
  'unknown-channel': '该编号未登记。',
};

type Outcome = { kind: 'done'; lines: string[] } | RegistrationOutcome;
/**
 * A step; `codeTableIds` loads the code tables' ids, called only by the steps that name a table: a broken table
 * file must not stand in the way of replacing a leaked key.
 */
type Step = (db: Db, codeTableIds: () => ReadonlySet<string>) => Promise<Outcome>;

const KEY_LINES = (key: string) => [
  '密钥只显示这一次，请立即配置到设备或接入系统中（系统只保存其哈希）：',
  `key ${key}`,
];

function plan(args: string[]): Step {
  const [command, ...rest] = args;
  if (command === 'add-device') {
    const { positional, named } = parseOptions(rest, ['window']);
    if (positional.length !== 1 || !named.window) throw new UsageProblem('需要评价器编号和 --window');
    return (db) => registerDevice(db, positional[0]!, named.window!);
  }
  if (command === 'add-partner') {
    const { positional, named } = parseOptions(rest, ['platform', 'name', 'code-table']);
    if (positional.length !== 1 || !named.platform || !named.name)
      throw new UsageProblem('需要接入系统编号、--platform 和 --name');
    return (db, codeTableIds) =>
      registerPartner(db, {
        id: positional[0]!,
        platformId: named.platform!,
        name: named.name!,
        codeTable: named['code-table'] ?? DEFAULT_CODE_TABLE,
        knownCodeTables: codeTableIds(),
      });
  }
  if (command === 'set-code-table') {
    const [id, codeTable, ...extra] = rest;
    if (!id || !codeTable || extra.length > 0) throw new UsageProblem('需要接入系统编号和代码表编号');
    return async (db, codeTableIds) => {
      const changed = await setPartnerCodeTable(db, { id, codeTable, knownCodeTables: codeTableIds() });
      if (changed.kind !== 'changed') return changed;
      return {
        kind: 'done',
        lines: [
          `接入系统 ${id} 的代码表：${changed.from} → ${changed.to}`,
          '运行中的服务器在启动时载入代码表文件：新增的代码表文件须重启服务器后方可使用。',
        ],
      };
    };
  }
  if (command === 'new-key') {
    const [kind, id, ...extra] = rest;
    if ((kind !== 'device' && kind !== 'partner') || !id || extra.length > 0)
      throw new UsageProblem('需要 device 或 partner 及其编号');
    return (db) => replaceChannelKey(db, kind, id);
  }
  throw new UsageProblem(command ? `未知的子命令「${command}」` : '缺少子命令');
}

export async function runChannelCommand(
  args: string[],
  out: CommandOutput,
  { environment = process.env }: { environment?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  let run: Step;
  try {
    run = plan(args);
  } catch (error: unknown) {
    if (!(error instanceof UsageProblem)) throw error;
    out.error(`错误：${error.message}`);
    for (const line of USAGE) out.error(line);
    return 2;
  }
  let config: ReturnType<typeof readConfig>;
  let databaseUrl: string;
  try {
    config = readConfig(environment);
    databaseUrl = appDatabaseUrl(config);
  } catch (error: unknown) {
    out.error(errorMessage(error));
    return 1;
  }
  const db = createDb(databaseUrl, 1);
  const codeTableIds = () => new Set(loadCodeTables({ extraDir: config.codeTablesDir }).keys());
  try {
    const outcome = await run(db, codeTableIds);
    if (outcome.kind === 'registered' || outcome.kind === 'done') {
      for (const line of outcome.kind === 'done' ? outcome.lines : KEY_LINES(outcome.key)) out.log(line);
      return 0;
    }
    out.error(`未完成：${REFUSALS[outcome.kind]}`);
    return 1;
  } catch (error: unknown) {
    out.error(`未能完成：${errorMessage(error)}`);
    return 1;
  } finally {
    await db.destroy();
  }
}
