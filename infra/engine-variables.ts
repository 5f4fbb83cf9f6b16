// Plain values ↔ the engine's typed variables. Dates go in the engine's default format
// (yyyy-MM-dd'T'HH:mm:ss.SSSZ) in Asia/Shanghai, so Cockpit shows office time.
import { DateTime } from 'luxon';

export type EngineVariable = { value: unknown; type: string; valueInfo?: Record<string, unknown> };
export type EngineVariables = Record<string, EngineVariable>;

export function formatEngineDate(date: Date): string {
  return DateTime.fromJSDate(date, { zone: 'Asia/Shanghai' }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZZ");
}

export function toEngineVariable(value: unknown): EngineVariable {
  if (value instanceof Date) return { value: formatEngineDate(value), type: 'Date' };
  if (typeof value === 'string') return { value, type: 'String' };
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (typeof value === 'number') return { value, type: Number.isInteger(value) ? 'Long' : 'Double' };
  if (value === null || value === undefined) return { value: null, type: 'Null' };
  return { value: JSON.stringify(value), type: 'Json' };
}

export function toEngineVariables(values: Record<string, unknown>): EngineVariables {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, toEngineVariable(value)]));
}

export function fromEngineVariables(variables: EngineVariables): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(variables).map(([name, variable]) => {
      const type = variable.type.toLowerCase();
      if (type === 'json' && typeof variable.value === 'string') return [name, JSON.parse(variable.value)];
      if (type === 'date' && typeof variable.value === 'string') return [name, new Date(variable.value)];
      return [name, variable.value];
    }),
  );
}
