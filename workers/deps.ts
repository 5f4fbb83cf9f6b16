// What every topic worker may depend on; built once in workers/main.ts (or a test).
import type { Db } from '../infra/db.ts';
import type { StagePlanner } from '../infra/sla/stage-plan.ts';
import type { DeadlineCalculator } from '../domain/case/sla-policy.ts';
import type { Protector } from '../infra/protector.ts';
import type { HotlineClient } from '../infra/hotline/client.ts';
import type { CalendarSource } from '../infra/calendar-provider.ts';

export interface WorkerDeps {
  db: Db;
  /** Plans stage clocks: the SLA policy (DMN) and the working-day calendar in force. */
  planner: StagePlanner;
  /** How many rectification rounds a dissatisfied return visit may trigger before it escalates. */
  maxRectificationRounds: number;
  /** The SMS gateway passes replies back (SMS_INBOUND_TOKEN set): reminders say how to rate by replying. */
  smsRepliesAccepted?: boolean;
  deadlines: DeadlineCalculator;
  /** The working calendar in force, for counts that are not SLA stages (the art. 10 rating window). */
  calendars: CalendarSource;
  clock: () => Date;
  /** Reads raters' encrypted contact data, for the few steps that must reach a rater; 办件' 评价码. */
  protector: Protector;
  /** Where the rating page is (PUBLIC_BASE_URL): the reminder SMS links to it. */
  publicBaseUrl: string;
  /** The 12345 hotline (art. 16) and the base of the handover's back-off (HOTLINE_RETRY_BASE_MS). */
  hotline: { client: HotlineClient; retryBaseMs: number };
}
