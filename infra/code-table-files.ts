// Reads the code tables (code-tables/<id>.json, shipped and reviewed; plus, when CODE_TABLES_DIR is set, that
// folder's, for an interface this repository does not ship) and builds each (domain/evaluation/code-tables.ts).
// Any problem refuses the whole set at start, naming the file: a partner's codes are never guessed.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_TABLES_DIR } from '../code-tables/index.ts';
import { codeTable, type CodeTable } from '../domain/evaluation/code-tables.ts';
import { errorMessage } from './error-message.ts';

export type CodeTables = ReadonlyMap<string, CodeTable>;

const TABLE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class CodeTableError extends Error {
  constructor(problems: string[]) {
    super(`code tables refused: ${problems.join(' | ')}`);
    this.name = 'CodeTableError';
  }
}

function tableFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** The shipped tables and those of `extraDir`; an id given twice, or any bad file, refuses them all. */
export function loadCodeTables({ extraDir }: { extraDir?: string | undefined } = {}): CodeTables {
  const tables = new Map<string, CodeTable>();
  const problems: string[] = [];
  for (const dir of [CODE_TABLES_DIR, ...(extraDir ? [extraDir] : [])]) {
    let names: string[];
    try {
      names = tableFiles(dir);
    } catch (error: unknown) {
      problems.push(`${dir}: ${errorMessage(error)}`);
      continue;
    }
    for (const name of names) {
      const file = join(dir, name);
      const id = name.slice(0, -'.json'.length);
      if (!TABLE_ID.test(id)) {
        problems.push(`${file}: the file name must be the table id (lower-case letters, digits, hyphens)`);
        continue;
      }
      if (tables.has(id)) {
        problems.push(`${file}: table ${id} is defined twice`);
        continue;
      }
      try {
        tables.set(id, codeTable(id, JSON.parse(readFileSync(file, 'utf8'))));
      } catch (error: unknown) {
        problems.push(`${file}: ${errorMessage(error)}`);
      }
    }
  }
  if (problems.length > 0) throw new CodeTableError(problems);
  return tables;
}
