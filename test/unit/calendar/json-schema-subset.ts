// A small JSON Schema (2020-12) interpreter for the keywords calendars/schema.json uses — enough to check
// that the schema and the data files (and validate.ts) agree, without a schema library dependency.
type Schema = Record<string, unknown>;

function resolve(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Schema)[key], root) as Schema;
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}

/** Returns the JSON pointers where `value` breaks `schema` (empty when valid). */
export function schemaErrors(root: Schema, value: unknown, schema: Schema = root, path = ''): string[] {
  const errors: string[] = [];
  if (typeof schema['$ref'] === 'string')
    errors.push(...schemaErrors(root, value, resolve(root, schema['$ref']), path));
  if (Array.isArray(schema['oneOf'])) {
    const passing = (schema['oneOf'] as Schema[]).filter(
      (option) => schemaErrors(root, value, option, path).length === 0,
    );
    if (passing.length !== 1) errors.push(`${path} oneOf matched ${passing.length}`);
  }
  if ('const' in schema && value !== schema['const']) errors.push(`${path} const`);
  if (typeof schema['type'] === 'string' && !typeMatches(schema['type'], value))
    return [...errors, `${path} type`];
  if (typeof value === 'string') {
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value))
      errors.push(`${path} pattern`);
    if (typeof schema['minLength'] === 'number' && value.length < schema['minLength'])
      errors.push(`${path} minLength`);
  }
  if (typeof value === 'number') {
    if (typeof schema['minimum'] === 'number' && value < schema['minimum']) errors.push(`${path} minimum`);
    if (typeof schema['maximum'] === 'number' && value > schema['maximum']) errors.push(`${path} maximum`);
  }
  if (Array.isArray(value) && typeof schema['items'] === 'object') {
    value.forEach((item, index) =>
      errors.push(...schemaErrors(root, item, schema['items'] as Schema, `${path}/${index}`)),
    );
  }
  if (typeMatches('object', value)) {
    const record = value as Schema;
    const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
    for (const key of (schema['required'] ?? []) as string[])
      if (!(key in record)) errors.push(`${path}/${key} required`);
    for (const [key, child] of Object.entries(record)) {
      if (key in properties)
        errors.push(...schemaErrors(root, child, properties[key] as Schema, `${path}/${key}`));
      else if (schema['additionalProperties'] === false) errors.push(`${path}/${key} additionalProperties`);
    }
  }
  return errors;
}
