import fs from "node:fs";
import path from "node:path";

// What the app exposes, read from the source tree: every page (app/**/page.tsx), every route handler
// (app/**/route.ts, except Auth.js's own endpoint) and every export of every server-action file (a
// module under lib/ or app/ whose first statement is "use server"). The matrix must have an entry for
// each, so a new one cannot ship without saying how it refuses the people who must not use it.

const ROOT = path.resolve(import.meta.dirname, "../../../..");
const AUTH_JS_ENDPOINT = "app/api/auth/[...nextauth]/route.ts";

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...walk(rel));
    else out.push(rel);
  }
  return out.sort();
}

/** "app/(app)/survivors/[id]/page.tsx" → "/survivors/[id]" (route groups leave the URL). */
function routeOf(file: string): string {
  const segments = path.dirname(file).split("/").slice(1).filter((s) => !(s.startsWith("(") && s.endsWith(")")));
  return `/${segments.join("/")}`;
}

export type Inventory = {
  pages: Map<string, string>;
  handlers: Map<string, string>;
  /** server-action file → its exports are read by importing it */
  actionFiles: string[];
  /** files that declare "use server" somewhere other than their first statement (inline actions) */
  inlineActionFiles: string[];
};

const DIRECTIVE = /^(['"])use server\1;?$/;

/** The first statement of a module, past comments and blank lines. */
function firstStatement(source: string): string {
  const stripped = source.replace(/^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, "");
  return stripped.split("\n", 1)[0]!.trim();
}

export function readInventory(): Inventory {
  const appFiles = walk("app");
  const sources = [...appFiles, ...walk("lib")].filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts"));
  const pages = new Map(appFiles.filter((f) => path.basename(f) === "page.tsx").map((f) => [routeOf(f), f]));
  const handlers = new Map(appFiles.filter((f) => path.basename(f) === "route.ts" && f !== AUTH_JS_ENDPOINT).map((f) => [routeOf(f), f]));
  const actionFiles: string[] = [];
  const inlineActionFiles: string[] = [];
  for (const file of sources) {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    if (DIRECTIVE.test(firstStatement(source))) actionFiles.push(file);
    else if (/\{\s*(['"])use server\1/.test(source)) inlineActionFiles.push(file);
  }
  return { pages, handlers, actionFiles, inlineActionFiles };
}

/** A server action's name in the matrix: "lib/vacatur/actions.ts#logHoursAction". */
export function actionKey(file: string, name: string): string {
  return `${file}#${name}`;
}

export async function loadModule(file: string): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
}
