import { afterEach, describe, expect, it, vi } from "vitest";
import { describeError, guardConsole, logServerError } from "@/lib/server-log";

// The shapes drizzle and the drivers give a failed query: the outer message lists every bound value,
// the driver's detail quotes the key. (Real ones from both databases: tests/integration/server-log.test.ts.)
function failedQuery() {
  const driver = Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), {
    name: "PostgresError",
    code: "23505",
    detail: "Key (email)=(rosa.secret@example.org) already exists.",
    constraint_name: "users_email_unique",
    table_name: "users",
  });
  return Object.assign(new Error('Failed query: insert into "users" ("name", "email") values ($1, $2)\nparams: Rosa Secret,rosa.secret@example.org', { cause: driver }), {
    name: "DrizzleQueryError",
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the server log", () => {
  it("describes an error by its kind, codes and stack frames, never its message or detail", () => {
    const text = describeError(failedQuery());
    expect(text).toContain("DrizzleQueryError <- caused by PostgresError code=23505 constraint=users_email_unique table=users");
    expect(text).toMatch(/\n {4}at /);
    expect(text).not.toMatch(/Rosa|secret|params|Key \(email\)|duplicate key/);
  });

  it("logs our own catch sites with the ids given, and drops anything that is not an id", () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    logServerError("action createSurvivor", failedQuery(), { user: "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", name: "Rosa Secret" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[action createSurvivor\] \(user=6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\) DrizzleQueryError/);
    expect(lines[0]).not.toMatch(/Rosa|secret/);
  });

  it("guards what others log through console.error and console.warn (as Next does for a page that threw)", () => {
    const lines: string[] = [];
    const sink = {
      error: (...args: unknown[]) => void lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")),
      warn: (...args: unknown[]) => void lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")),
    };
    guardConsole(sink);
    guardConsole(sink); // installing twice wraps once
    const pageError = Object.assign(failedQuery(), { digest: "2718281828" });
    sink.error(" ⨯", pageError);
    sink.warn("retrying Failed query: select 1\nparams: Rosa Secret");
    sink.error("plain text", 42);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain("DrizzleQueryError digest=2718281828 <- caused by PostgresError code=23505");
    expect(lines[1]).toBe("retrying Failed query: select 1\nparams: [not logged]");
    expect(lines[2]).toBe("plain text 42");
    expect(lines.join("\n")).not.toMatch(/Rosa|secret/);
  });
});
