// What every topic worker may depend on; built once in workers/main.ts (or a test).
import type { Db } from '../infra/db.ts';
import type { DeadlineCalculator } from '../domain/case/sla-policy.ts';

export interface WorkerDeps {
  db: Db;
  deadlines: DeadlineCalculator;
  clock: () => Date;
}
