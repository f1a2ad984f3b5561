import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";

// Who is on the other end of a request: the audit trail's "from", and what sign-in throttling counts.
//
// The address comes from the connection. lib/serve.ts, the server `npm start` runs, writes the socket's
// peer address into PEER_HEADER on every request, over anything a client sent under that name. Only
// when CLEARWAY_TRUSTED_PROXIES names the peer (a load balancer, a reverse proxy) is X-Forwarded-For
// believed, and then only as far back as the proxies it names: proxy-addr (Express's own) walks the
// header from the right and stops at the first address that is not a trusted proxy. So a client that
// sends "X-Forwarded-For: 10.9.8.7" is still counted, and audited, as itself.

export const PEER_HEADER = "x-clearway-peer-address";

export type TrustedProxies = (address: string, hop: number) => boolean;

const trustNone: TrustedProxies = () => false;

/**
 * Parses CLEARWAY_TRUSTED_PROXIES: comma-separated addresses or CIDR ranges, or proxy-addr's names
 * (loopback, linklocal, uniquelocal). Throws on anything else, so a typo fails start-up instead of
 * trusting nothing (or everything) silently.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length === 0 ? trustNone : proxyaddr.compile(entries);
}

/** An address in one spelling: IPv4-mapped IPv6 (::ffff:192.0.2.1) as IPv4, IPv6 compressed and lowercase. */
export function normalizeAddress(address: string): string | null {
  const bare = address.trim().replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  if (!ipaddr.isValid(bare)) return null;
  return ipaddr.process(bare).toString();
}

/**
 * The client's address for a request's headers (null when it cannot be known). Without PEER_HEADER,
 * in development (`next dev`, which does not run lib/serve.ts) it is the X-Forwarded-For that Next.js
 * fills in from the socket when the client sent none: a development server takes the client's word.
 * In production without PEER_HEADER (started some other way than lib/serve.ts) nothing a client sent
 * is believed: the address is unknown (and sign-in attempts from unknown addresses share one count).
 */
export function clientAddress(headers: Headers, trusted: TrustedProxies, options: { production?: boolean } = {}): string | null {
  const forwarded = headers.get("x-forwarded-for") ?? undefined;
  const peer = headers.get(PEER_HEADER);
  if (!peer) {
    if (options.production ?? process.env.NODE_ENV === "production") return null;
    const first = forwarded?.split(",")[0];
    return first ? normalizeAddress(first) : null;
  }
  const request = { socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: { "x-forwarded-for": forwarded } };
  const address = proxyaddr(request as unknown as IncomingMessage, trusted);
  return address ? normalizeAddress(address) : null;
}

/** The block an address belongs to for throttling: its /24 (IPv4) or /64 (IPv6), as CIDR text. */
export function addressBlock(address: string): string | null {
  const normalized = normalizeAddress(address);
  if (!normalized) return null;
  const parsed = ipaddr.parse(normalized);
  const prefix = parsed.kind() === "ipv4" ? 24 : 64;
  const bytes = parsed.toByteArray();
  const keep = prefix / 8;
  const masked = bytes.map((byte, i) => (i < keep ? byte : 0));
  return `${ipaddr.fromByteArray(masked).toString()}/${prefix}`;
}
