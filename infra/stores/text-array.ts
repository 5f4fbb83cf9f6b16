// PostgreSQL text[] literals: a rating's tags in COPY text, and the one array parameter of a lookup of many
// rows at once (`where id = any(?::text[])`).
const NEEDS_ARRAY_ESCAPE = /["\\]/;

/**
 * `{"a","b \"c\""}`: a text[] literal, every element quoted. Also the form for a `= any(?::text[])` parameter
 * of ten thousand ids: one join, where node-postgres' own array encoding escapes element by element and left
 * about a kilobyte of garbage per imported rating (bench/bulk-import.ts). Elements are never NULL.
 */
export function textArrayLiteral(items: readonly string[]): string {
  if (!items.some((item) => NEEDS_ARRAY_ESCAPE.test(item))) {
    return items.length === 0 ? '{}' : `{"${items.join('","')}"}`;
  }
  return `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
