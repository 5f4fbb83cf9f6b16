// The halls' public networks (HALL_NETWORKS): the public addresses of a hall's guest Wi-Fi, behind which every
// visitor scanning a window's QR code rates from one IPv4 address (or one IPv6 prefix). Such an address says
// nothing about the rater, as a hall terminal's does not: the IP burst rule leaves it out (./rules.ts), while
// the phone, device and account rules and the runs of 非常满意 on a window still apply.
import ipaddr from 'ipaddr.js';

export interface HallNetwork {
  /** As configured, for messages and docs. */
  text: string;
  /** IPv4 networks as their IPv4-mapped IPv6 networks (::ffff:0:0/96), so one kind of address is compared. */
  range: [ipaddr.IPv6, number];
}

/** An address as IPv6: an IPv4 one as its IPv4-mapped address. */
const asIPv6 = (address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv6 =>
  address.kind() === 'ipv4' ? (address as ipaddr.IPv4).toIPv4MappedAddress() : (address as ipaddr.IPv6);

/**
 * A rating's IP is stored as an IPv4 address or an IPv6 /64 (server/api/evaluations/request-device.ts): a hall
 * network of IPv6 must hold whole /64s, or a stored /64 could not be told inside it or out.
 */
const LONGEST_IPV6_PREFIX = 64;

/** One entry: an address (a network of one) or a CIDR network; throws a message in Chinese. */
function parseEntry(entry: string): HallNetwork {
  let range: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    if (entry.includes('/')) range = ipaddr.parseCIDR(entry);
    else {
      const address = ipaddr.parse(entry);
      range = [address, address.kind() === 'ipv4' ? 32 : 128];
    }
  } catch {
    throw new Error(`「${entry}」不是 IP 地址或网段（例如 203.0.113.0/28、2001:db8:10::/48）`);
  }
  const [address, bits] = range;
  if (address.kind() === 'ipv6' && bits > LONGEST_IPV6_PREFIX) {
    throw new Error(`「${entry}」：IPv6 评价按 /64 记录，大厅网段的前缀不得长于 /64`);
  }
  return { text: entry, range: [asIPv6(address), address.kind() === 'ipv4' ? bits + 96 : bits] };
}

/** HALL_NETWORKS: addresses and CIDR networks separated by commas; empty: none. Throws on a bad entry. */
export function parseHallNetworks(value: string): HallNetwork[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map(parseEntry);
}

/** The address of a stored IP (an IPv4 address, or an IPv6 /64 written `<prefix>::/64`), as IPv6. */
function storedAddress(ip: string): ipaddr.IPv6 | undefined {
  const address = ip.split('/')[0]!;
  return ipaddr.isValid(address) ? asIPv6(ipaddr.parse(address)) : undefined;
}

/** True when a rating's stored IP lies in one of the halls' networks. */
export function inHallNetwork(ip: string, networks: readonly HallNetwork[]): boolean {
  if (networks.length === 0) return false;
  const address = storedAddress(ip);
  if (!address) return false;
  return networks.some(({ range }) => address.match(range));
}
