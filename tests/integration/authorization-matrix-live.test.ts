import { vi } from "vitest";
import { matrixSuite } from "./support/matrix/suite";

// The authorization matrix (issue 10): every page, route handler and server action of the app, called
// in-process by every member of a cast of users (and by nobody signed in) with records they must not
// touch, in four release states: all releases live, the release to the legal organization revoked,
// the same release expired, and the release to the partner organization revoked. Every cell must be
// refused (or show nothing it must not) and leave the world's rows as they were.
//
// Only the framework's edges are stood in for: Auth.js's cookie reader (lib/auth/config), next/headers,
// next/cache and the database handle. Sessions are real rows resolved by the real lib/auth/session, so
// requireUser, requirePermission, the 403/404 answers and the denial audit all run as in production.

vi.mock("../../db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: (await import("./support/matrix/request")).currentDb }));
vi.mock("../../lib/auth/config", async () => (await import("./support/matrix/request")).authConfigMock);
vi.mock("next-auth", async () => (await import("./support/matrix/request")).nextAuthMock);
vi.mock("next/headers", async () => (await import("./support/matrix/request")).headersMock);
vi.mock("next/cache", async () => (await import("./support/matrix/request")).cacheMock);
// next.config.ts enables experimental.authInterrupts, which is what lets forbidden() throw its 403.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

matrixSuite("all releases live");
