// Who may see a rater's contact data in the clear (art. 24). Everyone else sees masks only. Supervisors
// follow up fraud flags and complaints about handling; 12345 operators make return visits (art. 18).
export const CONTACT_REVEAL_ROLES = ['supervisor', 'hotline-operator'] as const;

export function mayRevealContact(role: string): boolean {
  return (CONTACT_REVEAL_ROLES as readonly string[]).includes(role);
}
