// Errors the domain raises, by stable id. server/errors.ts maps each id to an HTTP status and a
// Chinese message; the id is what machines match on.
import type { ImportErrorId } from './imports/errors.ts';

export type DomainErrorId =
  | ImportErrorId
  | 'evaluation.unknown_level'
  | 'evaluation.bad_review_needs_content'
  | 'evaluation.unknown_service_record'
  | 'evaluation.duplicate'
  | 'evaluation.no_platform'
  | 'evaluation.channel_not_public'
  | 'evaluation.staff_cannot_rate'
  | 'evaluation.not_yet_rateable'
  | 'evaluation.window_closed'
  | 'evaluation.no_theme'
  | 'evaluation.batch_already_rated'
  | 'evaluation.theme_rated_overall'
  | 'evaluation.theme_rated_per_item'
  | 'evaluation.not_found'
  | 'evaluation.answer_not_found'
  | 'contact.user_not_allowed'
  | 'contact.reason_required'
  | 'contact.not_for_return_visit'
  | 'service_record.duplicate'
  | 'service_record.unknown_item'
  | 'service_record.unknown_department'
  | 'service_record.unknown_institution'
  | 'service_record.unknown_platform'
  | 'service_record.times_out_of_order'
  | 'service_record.not_found'
  | 'service_record.already_completed'
  | 'institution.not_found'
  | 'task.not_found'
  | 'task.form_invalid'
  | 'case.not_found'
  | 'model.malformed_xml'
  | 'model.unparseable'
  | 'model.not_found'
  | 'model.version_not_found'
  | 'model.draft_not_found'
  | 'model.draft_conflict'
  | 'model.draft_stale'
  | 'model.key_mismatch'
  | 'model.check_failed'
  | 'model.engine_rejected'
  | 'task.not_visible'
  | 'task.claimed_by_other'
  | 'task.transfer_invalid'
  | 'task.send_back_not_allowed'
  | 'task.group_not_mine'
  | 'comment.invalid'
  | 'device.other_window'
  | 'evaluation_tag.invalid'
  | 'evaluation_tag.not_found'
  | 'evaluation_tag.duplicate'
  | 'process_definition.not_found'
  | 'auth.required'
  | 'auth.session_expired'
  | 'auth.invalid_credentials'
  | 'auth.locked'
  | 'auth.csrf_invalid'
  | 'auth.forbidden'
  | 'calendar.invalid_notice'
  | 'calendar.loaded_by_required'
  | 'attachment.file_required'
  | 'attachment.malformed_upload'
  | 'attachment.too_large'
  | 'attachment.type_not_allowed'
  | 'attachment.case_closed'
  | 'attachment.not_found'
  | 'hotline.bad_signature'
  | 'hotline.stale_timestamp'
  | 'hotline.unknown_case'
  | 'hotline.work_order_mismatch'
  | 'hotline.case_closed'
  | 'hotline.return_visit_not_awaited'
  | 'hotline.unknown_result'
  | 'code_table.unknown_level_code'
  | 'code_table.unknown_channel_code'
  | 'code_table.default_rating_refused'
  | 'device.unauthorized'
  | 'partner.unauthorized'
  | 'partner.other_platform'
  | 'sms.unauthorized'
  | 'sms.unreadable_reply'
  | 'sms.no_waiting_invitation';

export class DomainError extends Error {
  readonly id: DomainErrorId;
  readonly details: Record<string, unknown>;

  constructor(id: DomainErrorId, details: Record<string, unknown> = {}) {
    super(id);
    this.name = 'DomainError';
    this.id = id;
    this.details = details;
  }
}
