// `npm run ui:build`: build the web UIs (task list, modeler) when missing or older than their sources.
import { buildUisIfStale } from '../infra/ui-build.ts';

await buildUisIfStale((line) => console.log(line));
