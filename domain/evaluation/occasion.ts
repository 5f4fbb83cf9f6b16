// One occasion of rating (art. 9): a theme's 办件 together, a batch's together, else the 办件 alone. The fraud
// rules count occasions, not ratings (infra/fraud/rating-facts.ts builds the same key in SQL), and an SMS
// reply answers one occasion's reminder (infra/stores/sms-reply-store.ts).
export function occasionKey(record: { id: string; batchId: string | null; themeId: string | null }): string {
  if (record.themeId) return `theme:${record.themeId}`;
  if (record.batchId) return `batch:${record.batchId}`;
  return `record:${record.id}`;
}

/** The same key in SQL over a service_records row aliased `alias`. */
export const occasionKeySql = (alias: string) =>
  `coalesce('theme:' || ${alias}.theme_id, 'batch:' || ${alias}.batch_id, 'record:' || ${alias}.id)`;
