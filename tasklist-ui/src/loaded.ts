// Data a panel loads, and whether it has loaded, is loading or failed: an empty text ("暂无附件", "暂无意见") is
// said only once the data says so — said while loading or after a failure, it would read as "there is nothing"
// and invite a duplicate upload. A failure is told by reportLoadFailure under `what`.
import { ref, type Ref } from 'vue';
import { reportLoadFailure } from './load-failure.ts';

export type LoadState = 'loading' | 'loaded' | 'failed';

export function useLoaded<T>(fetch: () => Promise<T>, initial: T, what: string) {
  const data = ref(initial) as Ref<T>;
  const state = ref<LoadState>('loading');
  async function load(): Promise<void> {
    try {
      data.value = await fetch();
      state.value = 'loaded';
    } catch (error: unknown) {
      state.value = 'failed';
      reportLoadFailure(error, what);
    }
  }
  return { data, state, load };
}
