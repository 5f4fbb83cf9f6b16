// Wrong 评价码 are counted per client, so that guessing one (art. 11: rating a service on another's behalf)
// stays hopeless: at most maxPerRecord wrong codes for one 办件 number from one client, and maxPerClient from
// one client over all numbers, within windowMs. Past either, that client's attempts (on that number, or on
// any) are refused for the rest of the window, the right code too (else guessing would simply go on). Only
// the guessing client is refused: nobody can keep a rater's 办件 from being rated by guessing at it from
// elsewhere. Counted for any number, known or not, so a refusal tells nothing about whether a 办件 exists.
//
// A client is an IPv4 address (an IPv4-mapped or NAT64 IPv6 address is its IPv4 address) or an IPv6 /64,
// which one device or household holds; IPv6 /48s, what one subscriber may hold, are counted as well, with
// maxPerNetwork. A count at its limit is never forgotten before its window ends: past maxKeys, expired counts
// go first, then counts still under their limit, oldest first. Kept in the server process's memory: a
// restart forgets it, and several servers count apart (docs/privacy.md).
import ipaddr from 'ipaddr.js';

export interface CodeAttemptLimits {
  maxPerRecord: number;
  maxPerClient: number;
  /** Over one IPv6 /48, all its /64s together. */
  maxPerNetwork: number;
  windowMs: number;
  /** Counts kept before old ones under their limit are forgotten. */
  maxKeys: number;
}

export const CODE_ATTEMPT_LIMITS: CodeAttemptLimits = {
  maxPerRecord: 10,
  // A hall's Wi-Fi puts many raters behind one IPv4 address: generous, and still far from a guessing rate.
  maxPerClient: 300,
  maxPerNetwork: 3_000,
  windowMs: 15 * 60 * 1000,
  maxKeys: 100_000,
};

interface Count {
  failures: number;
  since: number;
  max: number;
}

export interface CodeAttempts {
  /** True when this client's attempts on this 办件 are refused now. */
  blocked(serviceRecordId: string, client: string | undefined, now: Date): boolean;
  /** Counts a wrong or missing code. */
  failed(serviceRecordId: string, client: string | undefined, now: Date): void;
}

/**
 * An IPv6 address ending in a dotted IPv4 (::ffff:1.2.3.4) with that IPv4 written as two hex groups, which
 * ipaddr.js reads in every form.
 */
function embeddedIPv4AsHex(address: string): string {
  if (!address.includes(':')) return address;
  return address.replace(/(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/, (dotted, ...octets: string[]) => {
    const bytes = octets.slice(0, 4).map(Number);
    if (bytes.some((byte) => byte > 255)) return dotted;
    return `${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  });
}

/** What a client address is counted as: its IPv4 address, or its IPv6 /64 and /48. */
export function countedClient(address: string): { client: string; network?: string } {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(embeddedIPv4AsHex(address.replace(/%.*$/, '')));
  } catch {
    return { client: address };
  }
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return { client: v6.toIPv4Address().toString() };
    const parts = v6.parts;
    // NAT64 (RFC 6052's well-known prefix) or IPv4-compatible (::a.b.c.d): the IPv4 client is in the last
    // 32 bits.
    const head = parts.slice(0, 6).join(':');
    if (head === '100:65435:0:0:0:0' || head === '0:0:0:0:0:0') {
      return { client: ipaddr.fromByteArray(v6.toByteArray().slice(12)).toString() };
    }
    const hex = (from: number, to: number) => parts.slice(from, to).map((part) => part.toString(16));
    return { client: `${hex(0, 4).join(':')}::/64`, network: `${hex(0, 3).join(':')}::/48` };
  }
  return { client: parsed.toString() };
}

export function createCodeAttempts(limits: CodeAttemptLimits = CODE_ATTEMPT_LIMITS): CodeAttempts {
  // Insertion order is age order: a key counting afresh is deleted and set again.
  const counts = new Map<string, Count>();

  const expired = (count: Count, now: number) => now - count.since >= limits.windowMs;

  function current(key: string, now: number): Count | undefined {
    const count = counts.get(key);
    if (count && expired(count, now)) {
      counts.delete(key);
      return undefined;
    }
    return count;
  }

  /** Forgets expired counts, then the oldest under their limit; never one at its limit within its window. */
  function makeRoom(now: number): void {
    for (const [key, count] of counts) {
      if (counts.size <= limits.maxKeys) return;
      if (expired(count, now) || count.failures < count.max) counts.delete(key);
    }
  }

  function count(key: string, max: number, now: number): void {
    const existing = current(key, now);
    if (existing) {
      existing.failures += 1;
      return;
    }
    counts.set(key, { failures: 1, since: now, max });
    if (counts.size > limits.maxKeys) makeRoom(now);
  }

  // Without an address (no proxy header, no socket address) nothing can be told apart: one shared count.
  const keysOf = (serviceRecordId: string, address: string | undefined) => {
    const { client, network } = address === undefined ? { client: 'unknown' } : countedClient(address);
    return [
      [`record:${client}:${serviceRecordId}`, limits.maxPerRecord],
      [`client:${client}`, limits.maxPerClient],
      ...(network ? [[`network:${network}`, limits.maxPerNetwork] as const] : []),
    ] as const;
  };

  return {
    blocked(serviceRecordId, client, now) {
      return keysOf(serviceRecordId, client).some(
        ([key, max]) => (current(key, now.getTime())?.failures ?? 0) >= max,
      );
    },
    failed(serviceRecordId, client, now) {
      for (const [key, max] of keysOf(serviceRecordId, client)) count(key, max, now.getTime());
    },
  };
}
