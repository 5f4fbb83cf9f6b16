// Forms of the consultation (processes/consultation.bpmn, art. 20). The approval department's
// coordinator chooses the departments; each gives its opinion in parallel; the coordinator writes the
// one reply to the rater. The art. 20 clock (consultation-reply) runs from the consultation's start to
// the reply, so choosing departments leaves it running.
import { z } from 'zod';
import { consultationDepartmentProblems, handlesCases } from '../../../../domain/case/consultation.ts';
import { DomainError } from '../../../../domain/errors.ts';
import { defineForm } from './types.ts';
import { nextRound, paragraph } from './evidence.ts';
import { openClock } from '../../../../infra/stores/case-store.ts';
import type { FormContext, TaskForm } from './types.ts';

const pickForm = z.strictObject({
  departments: z.array(z.string().trim().min(1, '必填').max(64)).max(20, '一次会商最多 20 个部门'),
});

const opinionForm = z.strictObject({ opinion: paragraph });

const replyForm = z.strictObject({ reply: paragraph });

export interface ConsultationOpinion {
  departmentId: string;
  opinion: string;
  givenAt: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function opinionsFrom(value: unknown): ConsultationOpinion[] {
  return Array.isArray(value) ? (value as ConsultationOpinion[]) : [];
}

/**
 * The multi-instance body counts its instances (nrOfInstances, nrOfCompletedInstances, visible to each
 * opinion task): the clock runs until the last opinion is in. Two opinions completed at the same moment
 * take turns (complete-route.ts holds a lock per case and reads these variables only when it is the
 * completion's turn), so each counts the other; a refusal by the engine's optimistic locking is retried.
 */
function otherOpinionsPending({ taskVariables }: FormContext): Promise<boolean> {
  const total = Number(taskVariables.nrOfInstances);
  const completed = Number(taskVariables.nrOfCompletedInstances);
  return Promise.resolve(Number.isFinite(total) && Number.isFinite(completed) && completed + 1 < total);
}

export const CONSULTATION_FORMS: Record<string, TaskForm> = {
  Task_PickConsultationDepartments: defineForm({
    stage: 'consultation-reply',
    schema: pickForm,
    keepsClockRunning: () => Promise.resolve(true),
    async complete({ departments }, { caseId, db, planner, taskVariables }) {
      const found = await db('departments')
        .whereIn('id', departments)
        .select<{ id: string; kind: string; accepts_cases: boolean }[]>('id', 'kind', 'accepts_cases');
      const problems = consultationDepartmentProblems({
        chosen: departments,
        known: new Set(found.map((department) => department.id)),
        handling: new Set(found.filter(handlesCases).map((department) => department.id)),
        approvalDepartmentId: text(taskVariables.approvalGroup),
        responsibleDepartmentId: text(taskVariables.responsibleGroup),
      });
      if (problems.length > 0) throw new DomainError('task.form_invalid', { fields: problems });
      return {
        variables: { consultationDepartments: departments },
        // The opinions are due within the 会商's own deadline (art. 20: the reply within 15 working days).
        startStages: [
          await planner.plan('consultation-opinion', {
            round: await nextRound(db, caseId, 'consultation-opinion'),
            dueBy: (await openClock(db, caseId, 'consultation-reply'))?.due_at,
          }),
        ],
      };
    },
  }),
  Task_GiveConsultationOpinion: defineForm({
    stage: 'consultation-opinion',
    schema: opinionForm,
    keepsClockRunning: otherOpinionsPending,
    complete({ opinion }, { taskVariables, clock }) {
      const departmentId = text(taskVariables.consultationDepartment);
      if (!departmentId) throw new Error('opinion task without its department (consultationDepartment)');
      // Every department's opinion in one list, for the coordinator who writes the reply.
      const opinions = opinionsFrom(taskVariables.consultationOpinions).filter(
        (given) => given.departmentId !== departmentId,
      );
      opinions.push({ departmentId, opinion, givenAt: clock().toISOString() });
      return Promise.resolve({ variables: { consultationOpinions: opinions } });
    },
  }),
  Task_WriteConsultationReply: defineForm({
    stage: 'consultation-reply',
    schema: replyForm,
    complete: ({ reply }) => Promise.resolve({ variables: { consultationReply: reply } }),
  }),
};
