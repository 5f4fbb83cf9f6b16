// Flags reach supervisors (art. 23): beside the 刷评线索 list, an e-mail to each supervisor whose jurisdiction
// (infra/stores/jurisdiction-store.ts, as the screens scope it) holds the handling unit of a rating just
// flagged. One an hour each at most, however many flags the hour brings: the first flag of the hour
// sends it (its idempotency key names the supervisor and the hour), the list shows the rest. Through the
// notification outbox, so an unreachable mail server loses nothing.
import { FRAUD_SIGNAL_LABELS, type FraudFlag } from '../../domain/fraud/types.ts';
import { enqueueNotification } from '../notifications/outbox.ts';
import { regionsOverDepartments, supervisorsWithEmail } from '../stores/jurisdiction-store.ts';
import { toShanghaiDateTime } from '../../domain/calendar/shanghai-time.ts';
import type { Executor } from '../db.ts';

/**
 * Queues the notices of `flags`; `unitOf` gives each flagged rating's handling unit (the facts the check read).
 */
export async function noticeOfFlags(
  db: Executor,
  flags: readonly FraudFlag[],
  unitOf: ReadonlyMap<string, string>,
  now: Date,
): Promise<void> {
  if (flags.length === 0) return;
  const hour = toShanghaiDateTime(now);
  // One query for the flagged units' regions, rather than one for each supervisor's jurisdiction.
  const regionsOf = await regionsOverDepartments(
    db,
    flags.map((flag) => unitOf.get(flag.evaluationId) ?? ''),
  );
  const coveringRegions = (flag: FraudFlag) => regionsOf.get(unitOf.get(flag.evaluationId) ?? '') ?? [];
  for (const supervisor of await supervisorsWithEmail(db)) {
    const theirs = flags.filter((flag) =>
      coveringRegions(flag).some((region) => supervisor.regions.includes(region)),
    );
    if (theirs.length === 0) continue;
    const signals = [...new Set(theirs.map((flag) => FRAUD_SIGNAL_LABELS[flag.signal]))].join('、');
    await enqueueNotification(db, {
      channel: 'email',
      to: supervisor.email,
      subject: '【刷评线索】有新的疑似刷评待核查',
      body:
        `${supervisor.name}：您好，${hour.toFormat('yyyy年M月d日 H时')}起，系统在您监督的范围内标记了新的疑似刷评` +
        `（${theirs.length} 条，${signals}）。请登录“好差评”差评办理系统，在“刷评线索”页面逐条核查：确认刷评的评价` +
        '不再计入满意度统计，排除的照常计入。本提示每小时至多发送一次，此后的线索请在页面中查看。',
      caseId: null,
      idempotencyKey: `fraud-flags:${supervisor.id}:${hour.toFormat("yyyy-LL-dd'T'HH")}`,
    });
  }
}
