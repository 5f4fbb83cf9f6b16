// Element Plus rules that mirror the server's zod schemas (server/api/tasks/forms/): what the server
// refuses, the form refuses first, with the same words.
import type { FormItemRule } from 'element-plus';

/** `paragraph` of the server: required, trimmed, at most 4000 characters. */
export const paragraph = (label: string): FormItemRule[] => [
  { required: true, whitespace: true, message: `请填写${label}`, trigger: ['blur', 'change'] },
  { max: 4000, message: '不超过 4000 字', trigger: ['blur', 'change'] },
];

export const optionalNote = (max: number): FormItemRule[] => [
  { max, message: `不超过 ${max} 字`, trigger: ['blur', 'change'] },
];

export const choose = (label: string): FormItemRule[] => [
  { required: true, message: `请选择${label}`, trigger: 'change' },
];

/** At least `min` entries (evidence, departments). */
export const atLeast = (min: number, message: string, max?: number): FormItemRule[] => [
  {
    validator: (_rule, value: unknown[], callback) => {
      if (!Array.isArray(value) || value.length < min) callback(new Error(message));
      else if (max !== undefined && value.length > max) callback(new Error(`最多 ${max} 项`));
      else callback();
    },
    trigger: 'change',
  },
];
