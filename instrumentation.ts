// Runs once when a server instance starts (Next.js instrumentation hook).

export async function register() {
  // Errors Next catches and logs itself (a page or route handler that threw) would otherwise print
  // their message, which for a failed query includes the values typed into the form.
  const { guardConsole } = await import("./lib/server-log");
  guardConsole();

  // The background jobs (lib/jobs) run in the server's own process: on PGlite they must share the
  // pages' one database handle (db/client.ts keeps it on globalThis). Not while `next build` runs
  // this hook, and not when CLEARWAY_JOBS=off (startJobs reads it).
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startJobs } = await import("./lib/jobs/schedule");
    void startJobs();
  }
}
