// One COPY text line of the ledger query as the TextRow a result page would have given.
import { copyField } from './copy-out.ts';
import type { TextRow } from './text-rows.ts';

export function copyLineToTextRow(line: string): TextRow {
  return line.split('\t').map(copyField) as TextRow;
}
