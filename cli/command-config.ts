// The configuration a command reads, as the server reads it (DATABASE_URL, the keys …): one place for the
// message a wrong one gets.
import { ConfigError, readConfig, type Config } from '../infra/config.ts';
import type { CommandOutput } from './calendar.ts';

/** The configuration, or undefined after printing why it is wrong (the command then exits with its code). */
export function commandConfig(
  out: CommandOutput,
  environment: NodeJS.ProcessEnv = process.env,
): Config | undefined {
  try {
    return readConfig(environment);
  } catch (error: unknown) {
    if (!(error instanceof ConfigError)) throw error;
    out.error(error.message);
    return undefined;
  }
}
