// Who may see a rater's contact data in the clear (art. 24). Everyone else sees masks only. Supervisors
// follow up fraud flags and complaints about handling; 12345 operators make return visits (art. 18).
export const CONTACT_REVEAL_ROLES = ['supervisor', 'hotline-operator'] as const;

export function mayRevealContact(role: string): boolean {
  return (CONTACT_REVEAL_ROLES as readonly string[]).includes(role);
}

/** What the reveal of one rating's contact is judged by. */
export interface RevealedRating {
  /** The rater chose to rate under their real name (实名). */
  realName: boolean;
  /** A 差评 case was opened for it: there is a return visit to make. */
  hasCase: boolean;
  /**
   * The regions the rating belongs to: those of the unit that answers for it (the 办件's handling unit, or a
   * 综合点评's institution, item or platform builder) and of its case's responsible unit, each with its parent.
   */
  regionCodes: readonly string[];
}

export type RevealVerdict = 'allowed' | 'outside-jurisdiction' | 'not-for-return-visit';

/**
 * For a user whose role may reveal (mayRevealContact), working in `userRegionCodes`: a rating of another
 * jurisdiction is as if it did not exist (as canSeeCase answers for cases); a 12345 operator sees only the
 * contact of a real-name 差评, whom the return visit calls — an anonymous rater's contact is not handed to
 * 12345 (workers/hotline-handover.ts), and not revealed to it either.
 */
export function revealVerdict(
  role: string,
  userRegionCodes: readonly string[],
  rating: RevealedRating,
): RevealVerdict {
  if (!userRegionCodes.some((code) => rating.regionCodes.includes(code))) return 'outside-jurisdiction';
  if (role === 'hotline-operator' && !(rating.realName && rating.hasCase)) return 'not-for-return-visit';
  return 'allowed';
}
