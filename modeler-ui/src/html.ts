// Text placed into markup: names and messages come from users and deployed models, never markup themselves.
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A moment as Beijing reads it (2026/11/27 10:30:00), whatever the browser's time zone. */
export const beijingText = (value: string | Date) =>
  new Date(value).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
