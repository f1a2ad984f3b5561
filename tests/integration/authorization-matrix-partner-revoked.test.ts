import { vi } from "vitest";
import { matrixSuite } from "./support/matrix/suite";

// The authorization matrix (issue 10) in the release state "release to R revoked": see authorization-matrix-live.test.ts.
// The module mocks must sit in each test file (vitest hoists them from there).

vi.mock("../../db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: (await import("./support/matrix/request")).currentDb }));
vi.mock("../../lib/auth/config", async () => (await import("./support/matrix/request")).authConfigMock);
vi.mock("next-auth", async () => (await import("./support/matrix/request")).nextAuthMock);
vi.mock("next/headers", async () => (await import("./support/matrix/request")).headersMock);
vi.mock("next/cache", async () => (await import("./support/matrix/request")).cacheMock);
// next.config.ts enables experimental.authInterrupts, which is what lets forbidden() throw its 403.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

matrixSuite("release to R revoked");
