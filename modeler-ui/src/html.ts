// Text placed into markup: names and messages come from users and deployed models, never markup themselves.
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
