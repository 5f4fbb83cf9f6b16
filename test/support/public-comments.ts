// One 综合点评 (art. 14) imported as an official would (`hcp import public-comments`): its source reference
// made up, the rest as given; the import's report and the stored rating's id come back.
import { randomUUID } from 'node:crypto';
import { SUBJECT_HEADER } from '../../domain/imports/subject-sheet.ts';
import { createSubjectImport } from '../../infra/imports/subject-import.ts';
import { workbookOf, type CellInput } from './workbooks.ts';
import type { Db } from '../../infra/db.ts';
import type { Protector } from '../../infra/protector.ts';

export async function importPublicComment(
  { db, protector, now = new Date() }: { db: Db; protector: Protector; now?: Date },
  cells: Record<string, CellInput>,
) {
  const sourceRef = `YJX-${randomUUID().slice(0, 8)}`;
  const report = await createSubjectImport({ db, protector, clock: () => now, newId: randomUUID }).run(
    'public-comment',
    {
      file: await workbookOf(SUBJECT_HEADER, [{ 来源编号: sourceRef, ...cells }]),
      fileName: '综合点评.xlsx',
      importedBy: '监督科 赵六',
    },
  );
  const stored = await db('subject_evaluations').where({ source_ref: sourceRef }).first<{ id: string }>('id');
  return { report, sourceRef, ratingId: stored?.id };
}
