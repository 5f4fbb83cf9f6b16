// Command-line options shared by the commands: `--name value` / `--name=value` and flags (`--name`, no value)
// beside positional arguments.

/** A wrong command line: the command prints its usage and exits 2. */
export class UsageProblem extends Error {}

/**
 * Splits the `allowed` options and the `flags` from the positional arguments; values are trimmed and never
 * empty, a flag takes none. `labels` names an option's value in the messages (e.g. by → 姓名).
 */
export function parseOptions(
  args: string[],
  allowed: string[],
  labels: Record<string, string> = {},
  flagNames: string[] = [],
): { positional: string[]; named: Record<string, string>; flags: Set<string> } {
  const positional: string[] = [];
  const named: Record<string, string> = {};
  const flags = new Set<string>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    if (flagNames.includes(name)) {
      if (equals !== -1) throw new UsageProblem(`--${name} 不带值`);
      flags.add(name);
      continue;
    }
    if (!allowed.includes(name)) throw new UsageProblem(`未知的选项「${arg}」`);
    const label = labels[name] ?? '值';
    let value: string | undefined;
    if (equals !== -1) value = arg.slice(equals + 1);
    else {
      value = args[index + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageProblem(`--${name} 后面缺少${label}`);
      index += 1;
    }
    if (value.trim() === '') throw new UsageProblem(`--${name} 的${label}不能为空`);
    named[name] = value.trim();
  }
  return { positional, named, flags };
}
