import { createServer } from "node:http";
import { PEER_HEADER } from "./client-address";

// The production server `npm start` and `npm run serve` run: Next.js's own request handler behind a
// Node HTTP server that does one thing more than `next start`. It writes the connection's peer address
// into PEER_HEADER on every request, over anything the client sent under that name, because Next.js
// gives the app no other way to learn it: it fills in X-Forwarded-For from the socket only when the
// client sent none, so a client could name any address it liked. lib/client-address.ts decides from
// this header (and CLEARWAY_TRUSTED_PROXIES) who the client is.

const port = Number(process.env.PORT || 3000);

async function main(): Promise<void> {
  // As `next start` does: React and Next.js read NODE_ENV when they load, so it is set before they do.
  (process.env as Record<string, string>).NODE_ENV = "production";
  const { default: next } = await import("next");
  const app = next({ dev: false, port, hostname: "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((request, response) => {
    const peer = request.socket.remoteAddress;
    // (a socket already closed has no address: nothing to answer)
    if (!peer) return void request.socket.destroy();
    request.headers[PEER_HEADER] = peer;
    void handle(request, response);
  });
  // Longer than a load balancer's idle timeout (60 s on the common ones), as `next start --keepAliveTimeout 65000`.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, () => {
    console.log(`  ▲ Clearway (Next.js) ready on http://localhost:${port}`);
  });

  const stop = () => {
    server.close(() => process.exit(0));
    // Open keep-alive connections would hold close() open: end the idle ones now.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
