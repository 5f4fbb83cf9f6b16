// Wrong 评价码 are counted, so that guessing one (art. 11: rating a service on another's behalf) stays
// hopeless: at most MAX_PER_RECORD wrong codes for one 办件 number and MAX_PER_CLIENT from one client address
// within WINDOW_MS; past either, every attempt on that 办件 or from that address is refused for the rest of
// the window, the right code too (else guessing would simply go on). Counted for any number, known or not,
// so the refusal tells nothing about whether a 办件 exists. Kept in the server process's memory: a restart
// forgets it, and several servers behind one address count apart (docs/privacy.md).

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
  maxPerClient: 100,
  windowMs: 15 * 60 * 1000,
  maxKeys: 100_000,
};

interface Count {
  failures: number;
  since: number;
}

export interface CodeAttempts {
  /** True when attempts on this 办件 or from this client are refused now. */
  blocked(serviceRecordId: string, client: string | undefined, now: Date): boolean;
  /** Counts a wrong or missing code. */
  failed(serviceRecordId: string, client: string | undefined, now: Date): void;
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

  const keysOf = (serviceRecordId: string, client: string | undefined) =>
    [
      [`record:${serviceRecordId}`, limits.maxPerRecord],
      ...(client ? [[`client:${client}`, limits.maxPerClient] as const] : []),
    ] as const;

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
