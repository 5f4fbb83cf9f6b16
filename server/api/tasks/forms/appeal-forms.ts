// Forms of the appeal review (processes/appeal-review.bpmn, art. 19). The reviewer of the approval
// department decides with reasons, or asks the unit for more evidence; the unit adds reasons and files.
import { z } from 'zod';
import { APPEAL_REVIEW_OUTCOMES, mergeEvidence } from '../../../../domain/case/appeal.ts';
import { defineForm } from './types.ts';
import {
  evidenceAttachmentIds,
  idsFromVariable,
  nextRound,
  paragraph,
  requireEvidenceOfCase,
} from './evidence.ts';
import type { TaskForm } from './types.ts';

const reviewForm = z.strictObject({
  decision: z.enum(APPEAL_REVIEW_OUTCOMES, {
    error:
      '复核结论应为 valid（有效差评）、invalid（无效差评）、malicious（恶意差评）或 more-evidence（补充证据）',
  }),
  /** Why: the basis of the decision, or which evidence is missing. */
  reasons: paragraph,
});

const evidenceForm = z.strictObject({
  additionalReasons: paragraph,
  evidenceAttachmentIds: evidenceAttachmentIds.default([]),
});

export const APPEAL_FORMS: Record<string, TaskForm> = {
  Task_ReviewAppeal: defineForm({
    stage: 'appeal-review',
    schema: reviewForm,
    async complete({ decision, reasons }, { caseId, db, planner }) {
      if (decision === 'more-evidence') {
        return {
          variables: { appealReviewOutcome: decision, appealEvidenceRequest: reasons },
          startStages: [
            await planner.plan('appeal-evidence', { round: await nextRound(db, caseId, 'appeal-evidence') }),
          ],
        };
      }
      // appealDecision is set only once decided, so the calling case never sees an interim answer. A
      // valid 差评 goes back to bad-review, whose sla-start step starts the rectify clock.
      return {
        variables: {
          appealReviewOutcome: decision,
          appealDecision: decision,
          appealDecisionReasons: reasons,
        },
      };
    },
  }),
  Task_ProvideAppealEvidence: defineForm({
    stage: 'appeal-evidence',
    schema: evidenceForm,
    async complete(values, { caseId, db, planner, taskVariables }) {
      await requireEvidenceOfCase(db, caseId, values.evidenceAttachmentIds);
      return {
        variables: {
          appealAdditionalReasons: values.additionalReasons,
          // The reviewer sees every file of the appeal, the first submission's (the verify form's
          // appealEvidenceIds) and this round's.
          appealEvidenceIds: mergeEvidence(
            idsFromVariable(taskVariables.appealEvidenceIds),
            values.evidenceAttachmentIds,
          ),
        },
        startStages: [
          await planner.plan('appeal-review', { round: await nextRound(db, caseId, 'appeal-review') }),
        ],
      };
    },
  }),
};
