// Is an address inside one of a list of CIDRs? Used to trust X-Forwarded-User only from the proxy.
// IPv4 and IPv6; an IPv4-mapped IPv6 address (::ffff:10.1.2.3, what a dual-stack socket reports for
// an IPv4 peer) matches IPv4 ranges, and IPv4 addresses match ::ffff:0:0/96 ranges.
import { isIP } from 'node:net';

interface Range {
  readonly bits: 32 | 128;
  readonly network: bigint;
  readonly mask: bigint;
}

const ipv4ToBigInt = (address: string): bigint =>
  address.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);

const ipv6ToBigInt = (address: string): bigint => {
  let text = address;
  // A dotted IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (tail) {
    const v4 = ipv4ToBigInt(tail);
    text = `${text.slice(0, -tail.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const zeros = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].reduce((value, hextet) => (value << 16n) | BigInt(`0x${hextet}`), 0n);
};

const MAPPED_PREFIX = 0xffffn << 32n;

/** The address as a number and its width; null when it is not an IP address. Zone ids (%eth0) are dropped. */
const parseAddress = (raw: string): { bits: 32 | 128; value: bigint } | null => {
  const address = raw.trim().replace(/%.*$/, '');
  switch (isIP(address)) {
    case 4:
      return { bits: 32, value: ipv4ToBigInt(address) };
    case 6:
      return { bits: 128, value: ipv6ToBigInt(address) };
    default:
      return null;
  }
};

/** Parses `10.0.0.0/8`, `fd00::/8` or a bare address (one host); throws on anything else. */
export const parseCidr = (entry: string): Range => {
  const [address = '', prefixText, ...extra] = entry.trim().split('/');
  const parsed = parseAddress(address);
  const prefix = prefixText === undefined ? parsed?.bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!parsed || extra.length > 0 || prefix === undefined || !(prefix >= 0 && prefix <= parsed.bits)) {
    throw new Error(`${JSON.stringify(entry)} is not a CIDR; use forms like 10.0.0.0/8 or fd00::/8`);
  }
  const all = (1n << BigInt(parsed.bits)) - 1n;
  const mask = all ^ ((1n << BigInt(parsed.bits - prefix)) - 1n);
  // Host bits in the entry (10.1.2.3/8) are ignored, as routers do.
  return { bits: parsed.bits, network: parsed.value & mask, mask };
};

const inRange = (range: Range, bits: 32 | 128, value: bigint): boolean =>
  range.bits === bits && (value & range.mask) === range.network;

/** A matcher for a fixed list of CIDRs: `(address) => boolean`; false for anything that is not an address. */
export const cidrMatcher = (entries: readonly string[]): ((address: string | undefined) => boolean) => {
  const ranges = entries.map(parseCidr);
  return (raw) => {
    const address = raw === undefined ? null : parseAddress(raw);
    if (!address) return false;
    const candidates: { bits: 32 | 128; value: bigint }[] = [address];
    if (address.bits === 128 && address.value >> 32n === 0xffffn) {
      candidates.push({ bits: 32, value: address.value & 0xffffffffn });
    }
    if (address.bits === 32) candidates.push({ bits: 128, value: MAPPED_PREFIX | address.value });
    return ranges.some((range) => candidates.some((candidate) => inRange(range, candidate.bits, candidate.value)));
  };
};
