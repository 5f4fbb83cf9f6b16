// Forms of the bad-review model's own user tasks: assign, verify, rectify, return visit, escalation.
import { z } from 'zod';
import { DomainError } from '../../../../domain/errors.ts';
import { RETURN_VISIT_RESULTS } from '../../../../domain/case/return-visit.ts';
import { defineForm } from './types.ts';
import { nextRound, paragraph } from './evidence.ts';
import { handlesCases } from '../../../../domain/case/consultation.ts';
import { groupsOfUnit, type UnitOrganisation } from '../../../../infra/stores/case-groups.ts';
import type { FormContext, TaskForm } from './types.ts';

/** One outcome's fields and no other: fields of another outcome contradict the one chosen. */
function outcomeFields<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `与所选核实结果不符，不应填写：${issue.keys.join('、')}`
        : undefined,
  });
}

const verifyForm = z.discriminatedUnion(
  'outcome',
  [
    outcomeFields({ outcome: z.literal('valid'), findings: paragraph }),
    outcomeFields({ outcome: z.literal('valid-complex'), findings: paragraph }),
    outcomeFields({
      outcome: z.literal('contested'),
      findings: paragraph,
      appealReasons: paragraph,
      evidenceAttachmentIds: z
        .array(z.uuid('应为附件编号（上传附件时返回的 id）'), { error: '申诉须附证据' })
        .min(1, '申诉须附证据'),
    }),
    outcomeFields({ outcome: z.literal('consultation'), findings: paragraph, consultationReason: paragraph }),
  ],
  {
    error:
      '请选择核实结果：valid（属实）、valid-complex（属实且复杂）、contested（申诉）或 consultation（需会商）',
  },
);

const rectifyForm = z.strictObject({ problem: paragraph, actions: paragraph });
const assignForm = z.strictObject({
  departmentId: z.string().trim().min(1).max(64),
  note: z.string().max(2000).default(''),
});
const returnVisitForm = z.strictObject({
  result: z.enum(RETURN_VISIT_RESULTS),
  note: z.string().trim().max(2000).default(''),
});
const escalationForm = z.strictObject({ decision: z.enum(['close', 'rectify-again']), note: paragraph });

function invalidField(path: string, problem: string): DomainError {
  return new DomainError('task.form_invalid', { fields: [{ path, problem }] });
}

/** Evidence must be files uploaded to this very case. */
async function checkEvidence(context: FormContext, ids: string[]): Promise<void> {
  const found = await context
    .db('attachments')
    .where({ case_id: context.caseId })
    .whereIn('id', ids)
    .count({ n: '*' });
  if (Number(found[0]?.n ?? 0) !== new Set(ids).size) {
    throw invalidField('evidenceAttachmentIds', '证据文件不存在或不属于本案件');
  }
}

async function verifyOutcome(values: z.infer<typeof verifyForm>, context: FormContext) {
  const base = { verifyOutcome: values.outcome, verifyFindings: values.findings };
  switch (values.outcome) {
    case 'valid':
    case 'valid-complex': {
      const complex = values.outcome === 'valid-complex';
      return {
        variables: { ...base, rectifyComplex: complex },
        // A case sent back from rectification is verified again: its next rectification is a new round.
        startStages: [
          await context.planner.plan('rectify', {
            complex,
            round: await nextRound(context.db, context.caseId, 'rectify'),
          }),
        ],
      };
    }
    case 'contested':
      await checkEvidence(context, values.evidenceAttachmentIds);
      return {
        variables: {
          ...base,
          appealReasons: values.appealReasons,
          appealEvidenceIds: values.evidenceAttachmentIds,
        },
        // Contested again after a send-back (整改 退回核实): a new review, on a clock of its own.
        startStages: [
          await context.planner.plan('appeal-review', {
            round: await nextRound(context.db, context.caseId, 'appeal-review'),
          }),
        ],
      };
    case 'consultation':
      return {
        variables: { ...base, consultationReason: values.consultationReason, rectifyComplex: true },
        startStages: [
          await context.planner.plan('consultation-reply', {
            round: await nextRound(context.db, context.caseId, 'consultation-reply'),
          }),
        ],
      };
  }
}

export const CASE_FORMS: Record<string, TaskForm> = {
  Task_AssignResponsibleUnit: defineForm({
    stage: 'assign',
    schema: assignForm,
    async complete(values, context) {
      const department = await context
        .db('departments')
        .where({ id: values.departmentId })
        .first<({ kind: string; accepts_cases: boolean } & UnitOrganisation) | undefined>(
          'kind',
          'accepts_cases',
          'approval_department_id',
          'region_code',
        );
      if (!department) throw invalidField('departmentId', '单位不存在');
      if (!handlesCases(department)) {
        throw invalidField('departmentId', '该单位不承办差评（未接入本系统，或不是业务办理单位）');
      }
      // A unit under another approval department: its appeals, 会商 and escalations go there (art. 19).
      const groups = await groupsOfUnit(context.db, values.departmentId, department);
      return {
        variables: {
          responsibleGroup: values.departmentId,
          approvalGroup: groups.approvalGroup,
          ...(groups.hotlineGroup ? { hotlineGroup: groups.hotlineGroup } : {}),
        },
        startStages: [await context.planner.plan('verify')],
        writes: async (trx) => {
          await trx('cases')
            .where({ id: context.caseId })
            .update({ responsible_department_id: values.departmentId });
        },
      };
    },
  }),
  Task_VerifyComplaint: defineForm({ stage: 'verify', schema: verifyForm, complete: verifyOutcome }),
  Task_RectifyComplaint: defineForm({
    stage: 'rectify',
    schema: rectifyForm,
    complete: (values) =>
      Promise.resolve({ variables: { rectifyProblem: values.problem, rectifyActions: values.actions } }),
  }),
  Task_RecordReturnVisit: defineForm({
    stage: 'return-visit',
    schema: returnVisitForm,
    // 12345 operators may reveal the rater's contact to call them; the unit reads the note.
    keptValues: async (values, context) =>
      values.note ? { ...values, note: await context.maskRaterContact(values.note) } : values,
    complete: (values) =>
      Promise.resolve({
        variables: {
          returnVisitResult: values.result,
          returnVisitNote: values.note,
          returnVisitSource: 'operator',
        },
      }),
  }),
  Task_HandleEscalation: defineForm({
    stage: 'escalation',
    schema: escalationForm,
    complete: (values) =>
      Promise.resolve({ variables: { escalationDecision: values.decision, escalationNote: values.note } }),
  }),
};
