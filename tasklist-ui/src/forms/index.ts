// A form per user task, keyed by the task's id in the models (the row's `stage`), as the server's
// TASK_FORMS in server/api/tasks/forms/index.ts.
import { defineAsyncComponent, type AsyncComponentLoader, type Component } from 'vue';
import { recoverFromStaleBuild } from '../stale-build.ts';

/** A form loaded when first shown; its chunk missing after an upgrade reloads the page (../stale-build.ts). */
function lazy(loader: AsyncComponentLoader): Component {
  return defineAsyncComponent({
    loader,
    onError(error, _retry, fail) {
      recoverFromStaleBuild(error);
      fail();
    },
  });
}

export const TASK_FORM_COMPONENTS: Record<string, Component> = {
  Task_AssignResponsibleUnit: lazy(() => import('./AssignForm.vue')),
  Task_VerifyComplaint: lazy(() => import('./VerifyForm.vue')),
  Task_RectifyComplaint: lazy(() => import('./RectifyForm.vue')),
  Task_RecordReturnVisit: lazy(() => import('./ReturnVisitForm.vue')),
  Task_HandleEscalation: lazy(() => import('./EscalationForm.vue')),
  Task_ReviewAppeal: lazy(() => import('./AppealReviewForm.vue')),
  Task_ProvideAppealEvidence: lazy(() => import('./AppealEvidenceForm.vue')),
  Task_PickConsultationDepartments: lazy(() => import('./ConsultationDepartmentsForm.vue')),
  Task_GiveConsultationOpinion: lazy(() => import('./ConsultationOpinionForm.vue')),
  Task_WriteConsultationReply: lazy(() => import('./ConsultationReplyForm.vue')),
};
