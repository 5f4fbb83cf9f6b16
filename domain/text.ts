// Text that PostgreSQL cannot keep exactly as given: NUL (a text column refuses it) and a lone UTF-16
// surrogate (a JSON body may carry one as "\ud800"; it would be stored as U+FFFD). A rating's hash is
// computed over the text as given, so a stored row would no longer match its hash and `hcp ledger verify`
// would report tampering that never happened. Such text is refused where it comes in: HTTP bodies and URLs
// (server/storable-text.ts) and sheet cells (domain/imports/cells.ts).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const ANY_SURROGATE = /[\uD800-\uDFFF]/;

export function isStorableText(value: string): boolean {
  if (value.includes('\u0000')) return false;
  // Most text has no surrogate at all (CJK is in the basic plane): one quick scan settles it.
  return !ANY_SURROGATE.test(value) || !LONE_SURROGATE.test(value);
}

/**
 * The path (`a.b.0`) of the first string or key in a parsed JSON value that is not storable text, or null.
 * Walks without recursion: a body of deeply nested arrays must not overflow the stack.
 */
export function unstorableTextPath(value: unknown): string | null {
  const pending: [unknown, string][] = [[value, '']];
  while (pending.length > 0) {
    const [item, path] = pending.pop()!;
    if (typeof item === 'string') {
      if (!isStorableText(item)) return path;
    } else if (Array.isArray(item)) {
      item.forEach((element, index) => pending.push([element, path ? `${path}.${index}` : String(index)]));
    } else if (item !== null && typeof item === 'object') {
      for (const [key, element] of Object.entries(item)) {
        const at = path ? `${path}.${key}` : key;
        if (!isStorableText(key)) return at;
        pending.push([element, at]);
      }
    }
  }
  return null;
}
