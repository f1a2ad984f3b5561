import { describe, expect, it } from "vitest";
import { addressBlock, clientAddress, normalizeAddress, parseTrustedProxies, PEER_HEADER } from "../../lib/client-address";
import { loadEnv } from "../../lib/env";

const request = (peer: string | null, forwarded?: string) => {
  const headers = new Headers();
  if (peer !== null) headers.set(PEER_HEADER, peer);
  if (forwarded) headers.set("x-forwarded-for", forwarded);
  return headers;
};

describe("the client's address", () => {
  it("is the connection's peer, whatever X-Forwarded-For claims, when no proxy is trusted", () => {
    const none = parseTrustedProxies(undefined);
    expect(clientAddress(request("203.0.113.9"), none)).toBe("203.0.113.9");
    expect(clientAddress(request("203.0.113.9", "10.9.8.7"), none)).toBe("203.0.113.9");
    expect(clientAddress(request("::ffff:203.0.113.9", "1.2.3.4, 5.6.7.8"), none)).toBe("203.0.113.9");
  });

  it("believes X-Forwarded-For only as far back as the trusted proxies", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, loopback");
    // A load balancer at 10.0.0.5 forwarding for 198.51.100.7.
    expect(clientAddress(request("10.0.0.5", "198.51.100.7"), trusted)).toBe("198.51.100.7");
    // The client forged a first entry: the walk stops at the first address that is not a proxy.
    expect(clientAddress(request("10.0.0.5", "6.6.6.6, 198.51.100.7"), trusted)).toBe("198.51.100.7");
    // Two trusted hops.
    expect(clientAddress(request("127.0.0.1", "198.51.100.7, 10.1.2.3"), trusted)).toBe("198.51.100.7");
    // A peer that is not a trusted proxy is the client, and its header is ignored.
    expect(clientAddress(request("198.51.100.8", "6.6.6.6"), trusted)).toBe("198.51.100.8");
  });

  it("believes no header in production when the server did not say who the peer is", () => {
    const none = parseTrustedProxies(undefined);
    expect(clientAddress(request(null, "6.6.6.6"), none, { production: true })).toBeNull();
    // (in development, `next dev` fills X-Forwarded-For from the socket when the client sent none)
    expect(clientAddress(request(null, "127.0.0.1"), none, { production: false })).toBe("127.0.0.1");
  });

  it("refuses a CLEARWAY_TRUSTED_PROXIES it cannot read, at start-up", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow();
    const base = { NODE_ENV: "test", CLEARWAY_DATA_DIR: "memory://" };
    expect(() => loadEnv({ ...base, CLEARWAY_TRUSTED_PROXIES: "my-proxy" })).toThrow(/CLEARWAY_TRUSTED_PROXIES/);
    expect(loadEnv({ ...base, CLEARWAY_TRUSTED_PROXIES: "10.0.0.0/8,::1" }).trustedProxies("10.2.3.4", 0)).toBe(true);
  });

  it("is written one way, and grouped by /24 or /64 for throttling", () => {
    expect(normalizeAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("[2001:DB8::1]")).toBe("2001:db8::1");
    expect(normalizeAddress("not an address")).toBeNull();
    expect(addressBlock("192.0.2.77")).toBe("192.0.2.0/24");
    expect(addressBlock("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
  });
});
