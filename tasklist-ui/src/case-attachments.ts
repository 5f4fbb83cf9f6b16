// A case's attachments as a panel loads them: the list, and whether it has loaded, is loading or failed.
// "暂无附件" is said only once the list says so: said while loading or after a failure, it would invite
// uploading the same files again.
import { ref } from 'vue';
import { listAttachments } from './attachments.ts';
import { reportLoadFailure } from './load-failure.ts';
import type { Attachment } from './types.ts';

export function useCaseAttachments(caseId: () => string) {
  const files = ref<Attachment[]>([]);
  const state = ref<'loading' | 'loaded' | 'failed'>('loading');
  async function load(): Promise<void> {
    try {
      files.value = await listAttachments(caseId());
      state.value = 'loaded';
    } catch (error: unknown) {
      state.value = 'failed';
      reportLoadFailure(error, '附件列表');
    }
  }
  return { files, state, load };
}
