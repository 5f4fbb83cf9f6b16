// Errors of file imports (paper forms, 综合点评, 监督查评) and of ratings without a 办件, by stable id;
// part of DomainErrorId (../errors.ts); their Chinese messages are in server/import-errors.ts.
export type ImportErrorId =
  | 'import.file_unreadable'
  | 'import.missing_columns'
  | 'import.number_lost_digits'
  | 'import.imported_by_required'
  | 'import.imported_by_too_long'
  | 'import.required_cell_empty'
  | 'import.cell_error'
  | 'import.cell_too_long'
  | 'import.unstorable_text'
  | 'import.too_many_tags'
  | 'import.unknown_yes_no'
  | 'import.invalid_phone'
  | 'import.invalid_date'
  | 'import.date_in_future'
  | 'import.date_too_early'
  | 'import.unknown_choice'
  | 'import.duplicate_in_file'
  | 'import.row_changed_after_import'
  | 'subject_evaluation.channel_not_of_kind'
  | 'subject_evaluation.unknown_subject';
