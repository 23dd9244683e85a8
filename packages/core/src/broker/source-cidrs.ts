import { BlockList, SocketAddress, isIPv4, isIPv6 } from 'node:net';

type Family = 'ipv4' | 'ipv6';

interface Network {
  family: Family;
  address: string;
  prefix: number;
}

function parseIpv4(address: string): bigint {
  return address.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(octet), 0n);
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

function parseIpv6(address: string): bigint {
  let text = address;
  // An embedded dotted quad (::ffff:10.0.0.1) is the last two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted !== undefined) {
    const v4 = parseIpv4(dotted);
    text = `${text.slice(0, -dotted.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].reduce(
    (acc, group) => (acc << 16n) | BigInt(`0x${group}`),
    0n,
  );
}

function formatIpv6(value: bigint): string {
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) =>
    ((value >> shift) & 0xffffn).toString(16),
  );
  // SocketAddress prints the RFC 5952 canonical form (lower case, longest zero run compressed).
  return new SocketAddress({ address: groups.join(':'), family: 'ipv6' }).address;
}

/**
 * Host bits are accepted and cleared (`10.1.2.3/8` → `10.0.0.0/8`) because admins paste their own
 * address with a prefix; the normalised form is what gets stored and shown. A bare address means
 * that single host (/32 or /128). IPv4-mapped IPv6 networks (`::ffff:10.0.0.0/104`) are stored as
 * the IPv4 network they denote. Zone ids (`fe80::1%eth0`) and leading zeros are refused.
 */
export function parseCidr(value: string): { ok: true; normalised: string } | { ok: false; reason: string } {
  const network = parseNetwork(value);
  if ('reason' in network) return { ok: false, reason: network.reason };
  return { ok: true, normalised: `${network.address}/${network.prefix}` };
}

function parseNetwork(value: string): Network | { reason: string } {
  const slash = value.indexOf('/');
  const address = slash === -1 ? value : value.slice(0, slash);
  const prefixText = slash === -1 ? undefined : value.slice(slash + 1);
  const family: Family | undefined = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
  if (family === undefined || address.includes('%')) {
    return { reason: `${JSON.stringify(address)} is not an IPv4 or IPv6 address` };
  }
  const bits = family === 'ipv4' ? 32 : 128;
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^(?:0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > bits) {
      return { reason: `prefix must be a whole number from 0 to ${bits}` };
    }
    prefix = Number(prefixText);
  }
  const width = BigInt(bits);
  const mask = ((1n << width) - 1n) ^ ((1n << (width - BigInt(prefix))) - 1n);
  if (family === 'ipv4') return { family, address: formatIpv4(parseIpv4(address) & mask), prefix };
  const network = parseIpv6(address) & mask;
  if (prefix >= 96 && network >> 32n === 0xffffn) {
    return { family: 'ipv4', address: formatIpv4(network & 0xffffffffn), prefix: prefix - 96 };
  }
  return { family, address: formatIpv6(network), prefix };
}

/**
 * An empty list means no restriction. Unparseable entries are skipped rather than trusted (they
 * are validated when saved, so this only matters for rows written before a rule change), and an
 * unparseable client address is never allowed past a non-empty list.
 */
export function ipAllowed(ip: string, cidrs: readonly string[]): boolean {
  if (cidrs.length === 0) return true;
  const family: Family | undefined = isIPv4(ip)
    ? 'ipv4'
    : isIPv6(ip) && !ip.includes('%')
      ? 'ipv6'
      : undefined;
  if (family === undefined) return false;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const network = parseNetwork(cidr);
    if ('reason' in network) continue;
    list.addSubnet(network.address, network.prefix, network.family);
  }
  // BlockList matches an IPv4-mapped IPv6 client (::ffff:10.0.0.1) against IPv4 subnets itself.
  return list.check(ip, family);
}
