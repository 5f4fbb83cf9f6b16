// `npm run engine:build`: build the engine jar if it is missing or older than its sources.
import { buildEngineIfStale, ENGINE_JAR } from '../infra/engine-process.ts';

buildEngineIfStale((line) => console.log(line));
console.log(`engine jar: ${ENGINE_JAR}`);
