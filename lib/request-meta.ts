// Where a request came from, for the audit trail. Behind a reverse proxy the client address is the
// first entry of X-Forwarded-For (next start fills it in from the socket when no proxy set it).

export type RequestMeta = { ip: string | null; userAgent: string | null };

export function requestMetaFromHeaders(headers: Headers): RequestMeta {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || headers.get("x-real-ip")?.trim() || null;
  const userAgent = headers.get("user-agent");
  return {
    ip: ip ? ip.slice(0, 64) : null,
    userAgent: userAgent ? userAgent.slice(0, 512) : null,
  };
}
