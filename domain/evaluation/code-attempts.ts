// Wrong 评价码 are counted per client, so that guessing one (art. 11: rating a service on another's behalf)
// stays hopeless: at most MAX_PER_RECORD wrong codes for one 办件 number from one client address, and
// MAX_PER_CLIENT from one address over all numbers, within WINDOW_MS. Past either, that client's attempts
// (on that number, or on any) are refused for the rest of the window, the right code too (else guessing
// would simply go on). Only the guessing client is refused: nobody can keep a rater's 办件 from being rated
// by guessing at it from elsewhere. Counted for any number, known or not, so a refusal tells nothing about
// whether a 办件 exists. IPv6 clients are counted by their /64, which one subscriber holds whole. Kept in
// the server process's memory: a restart forgets it, and several servers count apart (docs/privacy.md).
import { isIPv6 } from 'node:net';

export interface CodeAttemptLimits {
  maxPerRecord: number;
  maxPerClient: number;
  windowMs: number;
  /** Keys remembered at most; the oldest are forgotten first (a flood of distinct numbers stays bounded). */
  maxKeys: number;
}

export const CODE_ATTEMPT_LIMITS: CodeAttemptLimits = {
  maxPerRecord: 10,
  // A hall's Wi-Fi puts many raters behind one address: generous, and still far from a guessing rate.
  maxPerClient: 300,
  windowMs: 15 * 60 * 1000,
  maxKeys: 100_000,
};

interface Count {
  failures: number;
  since: number;
}

export interface CodeAttempts {
  /** True when this client's attempts on this 办件 are refused now. */
  blocked(serviceRecordId: string, client: string | undefined, now: Date): boolean;
  /** Counts a wrong or missing code. */
  failed(serviceRecordId: string, client: string | undefined, now: Date): void;
}

/** The address as counted: an IPv6 address by its first four groups (its /64), any other as given. */
export function countedClient(address: string): string {
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const heads = head === '' ? [] : head.split(':');
  const tails = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...heads, ...Array<string>(8 - heads.length - tails.length).fill('0'), ...tails]
    : heads;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export function createCodeAttempts(limits: CodeAttemptLimits = CODE_ATTEMPT_LIMITS): CodeAttempts {
  // Insertion order is age order: a key counting afresh is deleted and set again.
  const counts = new Map<string, Count>();

  function current(key: string, now: number): Count | undefined {
    const count = counts.get(key);
    if (count && now - count.since >= limits.windowMs) {
      counts.delete(key);
      return undefined;
    }
    return count;
  }

  function count(key: string, now: number): void {
    const existing = current(key, now);
    if (existing) {
      existing.failures += 1;
      return;
    }
    counts.set(key, { failures: 1, since: now });
    while (counts.size > limits.maxKeys) counts.delete(counts.keys().next().value!);
  }

  // Without an address (no proxy header, no socket address) nothing can be told apart: one shared count.
  const keysOf = (serviceRecordId: string, client: string | undefined) => {
    const who = client === undefined ? 'unknown' : countedClient(client);
    return [
      [`record:${who}:${serviceRecordId}`, limits.maxPerRecord],
      [`client:${who}`, limits.maxPerClient],
    ] as const;
  };

  return {
    blocked(serviceRecordId, client, now) {
      return keysOf(serviceRecordId, client).some(
        ([key, max]) => (current(key, now.getTime())?.failures ?? 0) >= max,
      );
    },
    failed(serviceRecordId, client, now) {
      for (const [key] of keysOf(serviceRecordId, client)) count(key, now.getTime());
    },
  };
}
