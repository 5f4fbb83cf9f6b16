// A case's attachments as a panel loads them (./loaded.ts): the attachments panel, the appeal's evidence picker
// and the list of the evidence an appeal names.
import { listAttachments } from './attachments.ts';
import { useLoaded } from './loaded.ts';
import type { Attachment } from './types.ts';

export function useCaseAttachments(caseId: () => string, what = '附件列表') {
  const { data: files, state, load } = useLoaded<Attachment[]>(() => listAttachments(caseId()), [], what);
  return { files, state, load };
}
