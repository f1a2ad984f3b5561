// Runs once when a server instance starts (Next.js instrumentation hook).

export async function register() {
  // Errors Next catches and logs itself (a page or route handler that threw) would otherwise print
  // their message, which for a failed query includes the values typed into the form.
  const { guardConsole } = await import("./lib/server-log");
  guardConsole();
}
