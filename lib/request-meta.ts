import { clientAddress, type TrustedProxies } from "./client-address";
import { getEnv } from "./env";

// Where a request came from, for the audit trail and sign-in throttling: the connection's address, or
// what trusted proxies forwarded (lib/client-address.ts), and the browser's User-Agent.

export type RequestMeta = { ip: string | null; userAgent: string | null };

export function requestMetaFromHeaders(headers: Headers, trusted: TrustedProxies = getEnv().trustedProxies): RequestMeta {
  const ip = clientAddress(headers, trusted);
  const userAgent = headers.get("user-agent");
  return {
    ip: ip ? ip.slice(0, 64) : null,
    userAgent: userAgent ? userAgent.slice(0, 512) : null,
  };
}
