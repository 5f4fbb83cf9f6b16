// `hcp`: the operators' command line. One word picks the command group; each group lives in its own file.
import { runCalendarCommand } from './calendar.ts';
import { runCalendarLoadCommand } from './calendar-load.ts';
import { runLedgerCommand } from './ledger.ts';
import { runFraudCommand } from './fraud.ts';
import { runImportCommand } from './import.ts';
import { runChannelCommand } from './channel.ts';
import { runRatingCodeCommand } from './rating-code.ts';

const USAGE = [
  '用法 (usage):',
  '  hcp calendar add <YYYY-MM-DD> <N>     第 N 个工作日的日期 (the N-th working day after a day)',
  '  hcp calendar is-working <YYYY-MM-DD>  是否工作日 (true / false)',
  '  hcp calendar load <file> --by <name>  载入放假通知并重新计算暂定期限 (load a notice at runtime)',
  '  hcp calendar load <file> --check      只校验放假通知文件，不载入 (check a notice file only)',
  '  hcp calendar recompute                重新计算暂定期限、重试引擎同步 (recompute, retry engine moves)',
  '  hcp ledger verify                     核验评价记录哈希链 (verify the ratings ledger; last line ok / broken)',
  '  hcp fraud scan                        检查上次扫描以来的评价有无刷评信号 (fraud signals since the last scan)',
  '  hcp import paper-forms <file.xlsx> --by <name>      导入书面评价表 (paper forms; docs/imports.md)',
  '  hcp import public-comments <file.xlsx> --by <name>  导入综合点评 (suggestion box, hotline, e-mail)',
  "  hcp import surveys <file.xlsx> --by <name>          导入监督查评 (supervisors' surveys)",
  '  hcp import template <kind> <file.xlsx>              生成导入模板 (an empty template)',
  '  hcp channel add-device <id> --window <institution>  登记评价器，显示一次其密钥 (register a window device)',
  '  hcp channel add-partner <id> --platform <p> --name <n>  登记接入系统 (register a partner system)',
  '  hcp channel new-key device|partner <id>             更换密钥 (replace a key)',
  '  hcp rating-code <办件编号>                           回执评价码和二维码地址，补打回执 (a receipt reprinted)',
];

/** Subcommands that need the database and the engine; the others read calendars/ and, with DATABASE_URL, the loaded notices. */
const RUNTIME_CALENDAR_COMMANDS = new Set(['load', 'recompute']);

const out = { log: (line: string) => console.log(line), error: (line: string) => console.error(line) };

export async function main(args: string[]): Promise<number> {
  const [group, ...rest] = args;
  if (group === 'calendar') {
    return RUNTIME_CALENDAR_COMMANDS.has(rest[0] ?? '')
      ? runCalendarLoadCommand(rest, out)
      : runCalendarCommand(rest, out);
  }
  if (group === 'ledger') return runLedgerCommand(rest, out);
  if (group === 'fraud') return runFraudCommand(rest, out);
  if (group === 'import') return runImportCommand(rest, out);
  if (group === 'channel') return runChannelCommand(rest, out);
  if (group === 'rating-code') return runRatingCodeCommand(rest, out);
  for (const line of USAGE) out.error(line);
  return group === undefined || group === 'help' || group === '--help' ? 0 : 2;
}

process.exitCode = await main(process.argv.slice(2));
