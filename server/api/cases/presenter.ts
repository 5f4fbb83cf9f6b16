// The case as clients see it: never raw rows, never the encrypted contact, only its mask.
/* eslint-disable @typescript-eslint/no-explicit-any -- rows come from knex untyped; shaped field by field here */
import { ratedSubjectOf } from './rated-subject.ts';
import { presentFraudReview } from '../fraud-flags/presenter.ts';
import { maskPersonalDetails } from '../../../domain/evaluation/masking.ts';

const iso = (value: unknown): string | null => (value ? new Date(value as string).toISOString() : null);

export function presentCase({
  found,
  evaluation,
  events,
  clocks,
  answers,
  names,
  fraudReview,
}: Record<string, any>) {
  return {
    id: found.id,
    status: found.status,
    responsibleDepartmentId: found.responsible_department_id,
    responsibleDepartment: found.responsible_department_id
      ? { id: found.responsible_department_id, name: found.responsible_department_name }
      : null,
    routingRule: found.routing_rule,
    outcome: found.outcome,
    openedAt: iso(found.opened_at),
    closedAt: iso(found.closed_at),
    evaluation: {
      id: evaluation.rating_id,
      // 'evaluations' (a rating of a 办件) or 'subject_evaluations' (综合点评: no 办件).
      ledger: evaluation.ledger,
      sourceRef: evaluation.source_ref,
      level: evaluation.level,
      channel: evaluation.channel,
      target: evaluation.target,
      tags: evaluation.tags,
      // Numbers a rater typed in (a callback number, an ID number) masked as their contact is (art. 24).
      text: maskPersonalDetails(evaluation.text),
      realName: evaluation.real_name,
      rater: { name: evaluation.rater_name_masked, phone: evaluation.rater_phone_masked },
      ratedAt: iso(evaluation.rated_at),
      serviceRecord: evaluation.service_record_id
        ? {
            id: evaluation.service_record_id,
            itemCode: evaluation.item_code,
            itemName: evaluation.item_name,
            handlingDepartmentId: evaluation.unit_department_id,
            handlingDepartmentName: evaluation.unit_department_name,
          }
        : null,
      subject: evaluation.service_record_id ? null : presentSubject(evaluation),
      // 确认刷评 / 排除刷评 by a supervisor (art. 23), or null.
      fraudReview: fraudReview ? presentFraudReview(fraudReview) : null,
    },
    timeline: events.map((event: any) => ({
      kind: event.kind,
      stage: event.stage,
      actor: event.actor,
      actorName: event.actor ? (names?.get(event.actor) ?? event.actor) : null,
      detail: event.detail,
      occurredAt: iso(event.occurred_at),
    })),
    slaClocks: clocks.map((clock: any) => ({
      stage: clock.stage,
      round: clock.round,
      state: clock.state,
      startedAt: iso(clock.started_at),
      dueAt: iso(clock.due_at),
      dueProvisional: clock.due_provisional,
      doneAt: iso(clock.done_at),
    })),
    // Every round's answer (art. 17), the first first; `answer` is the latest.
    answers: answers.map(presentAnswer),
    answer: answers.length ? presentAnswer(answers[answers.length - 1]) : null,
  };
}

/**
 * What a 综合点评 rates: an institution, an item or a platform, and the unit that answers for it — the
 * institution's or the item's department, or the platform's builder (art. 17: 谁建设、谁负责).
 */
function presentSubject(evaluation: any) {
  const subject = ratedSubjectOf(evaluation);
  const builder = subject.type === 'platform';
  return {
    ...subject,
    departmentId: builder ? evaluation.builder_department_id : evaluation.unit_department_id,
    departmentName: builder ? evaluation.builder_department_name : evaluation.unit_department_name,
  };
}

function presentAnswer(answer: any) {
  return {
    round: answer.round,
    kind: answer.kind,
    channel: answer.channel,
    message: answer.message,
    at: iso(answer.answered_at),
  };
}
