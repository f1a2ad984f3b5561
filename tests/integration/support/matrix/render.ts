import { isValidElement, type ReactNode } from "react";

// Renders a page's element tree far enough to read everything it would show or send to the browser,
// without a React renderer: server components are called with their props; a component that uses
// hooks (a client component, next/link) cannot run outside React and is kept as its props, which is
// exactly what the server would send to the browser for it. The result is the text of every string,
// number and date in the tree, for checking which records' markers appear.

const MAX_DEPTH = 200;

export async function renderedText(node: ReactNode | Promise<ReactNode>): Promise<string> {
  const parts: string[] = [];
  await visit(await node, parts, 0);
  return parts.join("\n");
}

async function visit(value: unknown, parts: string[], depth: number): Promise<void> {
  if (depth > MAX_DEPTH || value === null || value === undefined || typeof value === "boolean" || typeof value === "function" || typeof value === "symbol") return;
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") {
    parts.push(String(value));
    return;
  }
  if (value instanceof Date) {
    parts.push(value.toISOString());
    return;
  }
  if (value instanceof Promise) {
    await visit(await value, parts, depth + 1);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) await visit(item, parts, depth + 1);
    return;
  }
  if (isValidElement(value)) {
    const { type, props } = value as { type: unknown; props: Record<string, unknown> };
    if (typeof type === "function" && !usesHooks(type as (...args: never[]) => unknown)) {
      let output: unknown;
      try {
        output = (type as (p: unknown) => unknown)(props);
      } catch (error) {
        // Next's notFound()/forbidden()/redirect() inside a nested server component are the page's answer.
        if (isNextSignal(error)) throw error;
        await visitProps(props, parts, depth);
        return;
      }
      await visit(await output, parts, depth + 1);
      return;
    }
    await visitProps(props, parts, depth);
    return;
  }
  if (typeof value === "object") {
    for (const item of Object.values(value as Record<string, unknown>)) await visit(item, parts, depth + 1);
  }
}

const HOOK_CALL = /\buse[A-Z]\w*/;

function usesHooks(component: (...args: never[]) => unknown): boolean {
  return HOOK_CALL.test(Function.prototype.toString.call(component));
}

async function visitProps(props: Record<string, unknown>, parts: string[], depth: number) {
  for (const [key, item] of Object.entries(props)) {
    if (key === "className") continue;
    await visit(item, parts, depth + 1);
  }
}

/** The digest Next.js gives the errors thrown by notFound(), forbidden(), unauthorized() and redirect(). */
function nextDigest(error: unknown): string | null {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" ? digest : null;
}

function isNextSignal(error: unknown): boolean {
  const digest = nextDigest(error);
  return digest !== null && (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;") || digest.startsWith("NEXT_REDIRECT;"));
}

/** What a thrown Next.js signal means: a status page, or a redirect with its target. */
export function nextSignal(error: unknown): { status: 403 | 404 | 401 } | { redirect: string } | null {
  const digest = nextDigest(error);
  if (!digest) return null;
  if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;")) {
    const status = Number(digest.split(";")[1]);
    return status === 403 || status === 404 || status === 401 ? { status } : null;
  }
  if (digest.startsWith("NEXT_REDIRECT;")) {
    // NEXT_REDIRECT;<type>;<url>;<status>; — the url may itself contain ";"
    const [, , ...rest] = digest.split(";");
    return { redirect: rest.slice(0, -2).join(";") };
  }
  return null;
}
