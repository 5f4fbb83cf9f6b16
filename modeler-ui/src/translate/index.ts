// bpmn-js / dmn-js translation module: every text the editors pass through `translate` is looked up in
// the Chinese dictionary; unknown texts stay English (the placeholders {…} are filled either way).
import { ZH } from './zh.ts';

export function translate(template: string, replacements: Record<string, string> = {}): string {
  const text = ZH[template] ?? template;
  return text.replace(/{([^}]+)}/g, (_match, key: string) => replacements[key] ?? `{${key}}`);
}

export const zhTranslateModule = { translate: ['value', translate] };
