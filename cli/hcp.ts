// `hcp`: the operators' command line. One word picks the command group; each group lives in its own file.
import { runCalendarCommand } from './calendar.ts';

const USAGE = [
  '用法 (usage):',
  '  hcp calendar add <YYYY-MM-DD> <N>     第 N 个工作日的日期 (the N-th working day after a day)',
  '  hcp calendar is-working <YYYY-MM-DD>  是否工作日 (true / false)',
];

const out = { log: (line: string) => console.log(line), error: (line: string) => console.error(line) };

export async function main(args: string[]): Promise<number> {
  const [group, ...rest] = args;
  if (group === 'calendar') return runCalendarCommand(rest, out);
  for (const line of USAGE) out.error(line);
  return group === undefined || group === 'help' || group === '--help' ? 0 : 2;
}

process.exitCode = await main(process.argv.slice(2));
