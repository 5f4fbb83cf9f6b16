// validate-shape.ts mirrors calendars/schema.json by hand. This test walks the schema beside every shipped
// file and derives its mutations from the schema itself — drop each required field, add an unknown one, add
// each optional one, break each value's type — so a field added to, dropped from or retyped in either side
// alone makes the two disagree on some mutation, whichever file or field it concerns.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateNoticeFile, validateRegionFile } from '../../../domain/calendar/index.ts';
import { DEFAULT_CALENDAR_DIR } from '../../../infra/calendar-files.ts';
import { schemaErrors } from './json-schema-subset.ts';

type Schema = Record<string, unknown>;
type Json = unknown;

const root = JSON.parse(readFileSync(join(DEFAULT_CALENDAR_DIR, 'schema.json'), 'utf8')) as Schema;

function resolve(schema: Schema): Schema {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  return resolve(
    ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Schema)[key], root) as Schema,
  );
}

/** A value the schema accepts, built from the schema alone. */
function sample(given: Schema): Json {
  const schema = resolve(given);
  if ('const' in schema) return schema['const'];
  if (schema['type'] === 'array') return [];
  if (schema['type'] === 'integer') return schema['minimum'];
  if (schema['type'] === 'object') {
    const properties = schema['properties'] as Record<string, Schema>;
    const required = schema['required'] as string[];
    return Object.fromEntries(required.map((key) => [key, sample(properties[key]!)]));
  }
  if (schema['pattern'] === (root['$defs'] as Record<string, Schema>)['isoDate']!['pattern'])
    return '2026-03-02';
  if (typeof schema['pattern'] === 'string' && schema['pattern'].startsWith('^[a-z]')) return 'abc';
  return '说明';
}

/** Values of the wrong type (or empty) for a field of this schema. */
function brokenValues(given: Schema): Json[] {
  const schema = resolve(given);
  if (schema['type'] === 'array') return ['不是数组', {}];
  if (schema['type'] === 'object') return ['不是对象', []];
  if (schema['type'] === 'integer') return [String(schema['minimum']), 2026.5, null];
  return [42, '', '   ', null];
}

interface Mutation {
  what: string;
  value: Json;
}

function setAt(
  document: Json,
  path: (string | number)[],
  change: (parent: Schema, key: string) => void,
): Json {
  const copy = structuredClone(document);
  const parentPath = path.slice(0, -1);
  const parent = parentPath.reduce<unknown>((node, key) => (node as Schema)[key], copy) as Schema;
  change(parent, String(path.at(-1)));
  return copy;
}

/** Every mutation the schema suggests at `path` (where `value` sits, described by `given`) and below it. */
function mutations(document: Json, given: Schema, value: Json, path: (string | number)[]): Mutation[] {
  const schema = resolve(given);
  const found: Mutation[] = [];
  const at = `/${path.join('/')}`;
  if (path.length > 0) {
    for (const broken of brokenValues(schema)) {
      found.push({
        what: `${at} = ${JSON.stringify(broken)}`,
        value: setAt(document, path, (parent, key) => (parent[key] = broken)),
      });
    }
  }
  if (schema['type'] === 'array' && Array.isArray(value) && value.length > 0) {
    found.push(...mutations(document, schema['items'] as Schema, value[0], [...path, 0]));
  }
  if (schema['type'] === 'object' && typeof value === 'object' && value !== null) {
    const record = value as Schema;
    const properties = schema['properties'] as Record<string, Schema>;
    const required = new Set(schema['required'] as string[]);
    const within = (change: (object: Schema) => void) => {
      const copy = structuredClone(document);
      change(path.reduce<unknown>((node, key) => (node as Schema)[key], copy) as Schema);
      return copy;
    };
    found.push({ what: `${at} + unknown field`, value: within((object) => (object['unexpected'] = '说明')) });
    for (const [key, property] of Object.entries(properties)) {
      if (!(key in record)) {
        found.push({
          what: `${at} + optional ${key}`,
          value: within((object) => (object[key] = sample(property))),
        });
        continue;
      }
      if (required.has(key))
        found.push({ what: `${at} - ${key}`, value: within((object) => delete object[key]) });
      found.push(...mutations(document, property, record[key], [...path, key]));
    }
  }
  return found;
}

function shippedFiles(): { name: string; content: Json; definition: string }[] {
  const read = (dir: string, definition: string) =>
    readdirSync(join(DEFAULT_CALENDAR_DIR, dir)).map((name) => ({
      name: `${dir}/${name}`,
      content: JSON.parse(readFileSync(join(DEFAULT_CALENDAR_DIR, dir, name), 'utf8')) as Json,
      definition,
    }));
  const fixture = fileURLToPath(new URL('fixtures/region-local-day-off.json', import.meta.url));
  return [
    ...read('cn', 'noticeFile'),
    ...read('regions', 'regionFile'),
    { name: 'fixture', content: JSON.parse(readFileSync(fixture, 'utf8')) as Json, definition: 'regionFile' },
  ];
}

describe('calendars/schema.json and validate-shape.ts do not drift apart', () => {
  it('given every shipped file and every mutation the schema suggests, when checked by both, then they agree on each', () => {
    let compared = 0;
    const disagreements: string[] = [];
    for (const file of shippedFiles()) {
      const definition = (root['$defs'] as Record<string, Schema>)[file.definition]!;
      for (const mutation of mutations(file.content, definition, file.content, [])) {
        const bySchema = schemaErrors(root, mutation.value).length === 0;
        const byValidator = validateNoticeFile(mutation.value).ok || validateRegionFile(mutation.value).ok;
        if (byValidator !== bySchema)
          disagreements.push(`${file.name}: ${mutation.what} (schema accepts: ${bySchema})`);
        compared += 1;
      }
    }
    assert.deepEqual(disagreements, []);
    // Not a vacuous walk: every shipped file gives dozens of mutations, accepted and refused ones alike.
    assert.ok(compared > 300, `${compared} mutations`);
  });
});
