// A case's id is its 差评's rating id, a UUID, and the business key of its process instances. A process
// instance whose business key is not of that form is no case's (a probe, a process an owner started by hand).
const CASE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isCaseId(value: string): boolean {
  return CASE_ID.test(value);
}
