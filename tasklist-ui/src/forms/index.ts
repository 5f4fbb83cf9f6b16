// A form per user task, keyed by the task's id in the models (the row's `stage`), as the server's
// TASK_FORMS in server/api/tasks/forms/index.ts.
import { defineAsyncComponent, type Component } from 'vue';

export const TASK_FORM_COMPONENTS: Record<string, Component> = {
  Task_AssignResponsibleUnit: defineAsyncComponent(() => import('./AssignForm.vue')),
  Task_VerifyComplaint: defineAsyncComponent(() => import('./VerifyForm.vue')),
  Task_RectifyComplaint: defineAsyncComponent(() => import('./RectifyForm.vue')),
  Task_RecordReturnVisit: defineAsyncComponent(() => import('./ReturnVisitForm.vue')),
  Task_HandleEscalation: defineAsyncComponent(() => import('./EscalationForm.vue')),
  Task_ReviewAppeal: defineAsyncComponent(() => import('./AppealReviewForm.vue')),
  Task_ProvideAppealEvidence: defineAsyncComponent(() => import('./AppealEvidenceForm.vue')),
  Task_PickConsultationDepartments: defineAsyncComponent(() => import('./ConsultationDepartmentsForm.vue')),
  Task_GiveConsultationOpinion: defineAsyncComponent(() => import('./ConsultationOpinionForm.vue')),
  Task_WriteConsultationReply: defineAsyncComponent(() => import('./ConsultationReplyForm.vue')),
};
