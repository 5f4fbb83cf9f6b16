// Loads, provisional clocks and provisional rating windows as clients see them: camelCase, ISO instants, never raw rows.
import type { NoticeLoadResult } from '../../../infra/calendar-notices.ts';
import type { NoticeLoadListRow } from '../../../infra/stores/calendar-notice-store.ts';
import type { ProvisionalClockRow } from '../../../infra/stores/sla-recompute-store.ts';
import type { ProvisionalWindowRow } from '../../../infra/stores/invitation-recompute-store.ts';

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

export function presentLoadResult({ load, recompute }: NoticeLoadResult) {
  return {
    load: {
      id: load.id,
      kind: load.kind,
      region: load.region,
      year: load.year,
      contentSha256: load.contentSha256,
      loadedBy: load.loadedBy,
      loadedAt: iso(load.loadedAt),
      alreadyLoaded: load.alreadyLoaded,
    },
    recompute,
  };
}

export function presentLoad(row: NoticeLoadListRow) {
  return {
    id: row.id,
    kind: row.kind,
    region: row.region,
    year: row.year,
    title: row.title,
    contentSha256: row.content_sha256,
    loadedBy: row.loaded_by,
    loadedAt: iso(row.loaded_at),
  };
}

export function presentProvisionalClock(row: ProvisionalClockRow) {
  return {
    caseId: row.case_id,
    stage: row.stage,
    state: row.state,
    responsibleDepartmentId: row.responsible_department_id,
    startedAt: iso(row.started_at),
    workingDays: row.working_days,
    dueAt: iso(row.due_at),
  };
}

export function presentProvisionalWindow(row: ProvisionalWindowRow) {
  return {
    serviceRecordId: row.service_record_id,
    handlingDepartmentId: row.handling_department_id,
    completedAt: iso(row.completed_at),
    reminderAt: iso(row.reminder_at),
    windowClosesAt: iso(row.window_closes_at),
  };
}
