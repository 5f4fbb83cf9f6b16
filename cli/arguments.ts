// What the commands that record who acted share: `--by <name>` / `--by=<name>` beside positional arguments.

/** A wrong command line: the command prints its usage and exits 2. */
export class UsageProblem extends Error {}

/** Splits `--by <name>` / `--by=<name>` (trimmed, never empty) from the positional arguments. */
export function parseByArgument(
  args: string[],
  who: string,
): { positional: string[]; by: string | undefined } {
  const positional: string[] = [];
  let by: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === '--by') {
      by = args[index + 1];
      if (by === undefined || by.startsWith('--')) throw new UsageProblem(`--by 后面缺少${who}`);
      index += 1;
    } else if (arg.startsWith('--by=')) by = arg.slice('--by='.length);
    else if (arg.startsWith('--')) throw new UsageProblem(`未知的选项「${arg}」`);
    else positional.push(arg);
  }
  if (by !== undefined && by.trim() === '') throw new UsageProblem(`--by 的${who}不能为空`);
  return { positional, by: by?.trim() };
}
