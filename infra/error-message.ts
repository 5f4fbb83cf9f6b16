// What a caught value says, for logs, stored retry reasons and operators' messages: an Error's message, or
// the value itself written out (a rejected promise may carry anything).
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
