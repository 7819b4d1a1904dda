/**
 * Imports point down the flow (issue 21 item 4). src/ is a stack of rooms, lowest first:
 *
 *   shared leaves   at, caught, narrow, secrets, message, errors, random, stable-json, registry,
 *                   template, events, result, stats (intervals, IQM), text (tables, terminal text),
 *                   chat (chat messages and their text)
 *   store           the SQLite store (the Gateway records calls in it, the search its results)
 *   jobs            the life of a stored job (find, claim, heartbeat, end), for runs and suites
 *   model           the Model interface, specs, the backends (openai/, gguf/), retry
 *   accounting      tokens and prices (the backend registry says which backends are paid)
 *   gateway         the Gateway and its policies: cache key, budget, limits, rate limit, recording
 *   metrics         the metric registry
 *   task            loading and checking tasks (a suite's task files too)
 *   propose         proposers
 *   score           scorers
 *   select          selectors and the race's own statistics
 *   human-references, read-result   a stored run read back as a result
 *   options         the settings of a search and resolveSearch
 *   estimate        the planned requests and their cost
 *   search          the orchestrator
 *   suite           many tasks in one run
 *   report          texts, exports and the HTML report
 *   cli             the commands
 *   index           the public surface
 *
 * A room is a folder of src/ (src/gateway/…) or a file at its top (src/errors.ts). A file may import
 * values from its own room and from rooms below it; `import type` (and imports naming only types)
 * may point anywhere, since they vanish from the built code. A room not placed here fails the test,
 * so a new one is given its place on purpose.
 */
import { readFileSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { SRC, sourceFiles } from "./source-files.js";

/** The rooms, lowest first; rooms on one line are one level and may import each other. */
const FLOW: readonly (readonly string[])[] = [
  ["at", "caught", "narrow", "secrets", "message", "errors", "random", "stable-json", "registry", "template", "events", "result", "stats", "text", "chat"],
  ["store"],
  ["jobs"],
  ["model"],
  ["accounting"],
  ["gateway"],
  ["metrics"],
  ["task"],
  ["propose"],
  ["score"],
  ["select"],
  ["human-references", "read-result"],
  ["options"],
  ["estimate"],
  ["search"],
  ["suite"],
  ["report"],
  ["cli"],
  ["index"],
];

const LEVEL = new Map(FLOW.flatMap((rooms, level) => rooms.map((room) => [room, level] as const)));

/** The room of a file of src/: its folder under src/, or its own name when it sits at the top. */
function roomOf(path: string): string {
  const parts = relative(SRC, path).split(sep);
  return parts.length > 1 ? (parts[0] ?? "") : (parts[0] ?? "").replace(/\.ts$/, "");
}

/** Whether an import or export declaration brings in types only. */
function typeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    const clause = node.exportClause;
    return node.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
  }
  const clause = node.importClause;
  if (clause === undefined) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** The relative modules a file imports values from (static imports, re-exports and `import()`), with their lines. */
function valueImports(path: string, text: string): { readonly target: string; readonly line: number }[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: { target: string; line: number }[] = [];
  const add = (specifier: ts.Node): void => {
    if (!ts.isStringLiteral(specifier) || !specifier.text.startsWith(".")) return;
    const target = normalize(join(dirname(path), specifier.text.replace(/\.js$/, ".ts")));
    found.push({ target, line: source.getLineAndCharacterOfPosition(specifier.getStart(source)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && !typeOnly(node)) add(node.moduleSpecifier);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] !== undefined) add(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Each value import of `files` that points up the flow, as `file:line: room → room`. */
function againstTheFlow(files: readonly { readonly path: string; readonly text: string }[]): string[] {
  return files.flatMap(({ path, text }) => {
    const from = roomOf(path);
    return valueImports(path, text)
      .filter(({ target }) => (LEVEL.get(roomOf(target)) ?? Number.POSITIVE_INFINITY) > (LEVEL.get(from) ?? Number.NEGATIVE_INFINITY))
      .map(({ target, line }) => `${relative(SRC, path)}:${line}: ${from} → ${roomOf(target)} (${relative(SRC, target)})`);
  });
}

const files = sourceFiles(SRC).map((path) => ({ path, text: readFileSync(path, "utf8") }));

describe("imports in src/", () => {
  it("come from rooms that each have a place in the flow, and every place names a room that exists", () => {
    const rooms = new Set(files.map((f) => roomOf(f.path)));
    expect([...rooms].filter((room) => !LEVEL.has(room)).sort(), "rooms missing from FLOW").toEqual([]);
    expect([...LEVEL.keys()].filter((room) => !rooms.has(room)).sort(), "FLOW names rooms src/ does not have").toEqual([]);
  });

  it("never take a value from a room higher in the flow (type-only imports excepted)", () => {
    const wrong = againstTheFlow(files);
    expect(wrong, wrong.join("\n")).toEqual([]);
  });

  it("are caught when one points up the flow, by static import, re-export or import()", () => {
    const file = (room: string, text: string): { path: string; text: string } => ({ path: join(SRC, room, "x.ts"), text });
    const caught = againstTheFlow([
      file("model", 'import { Gateway } from "../gateway/gateway.js";'),
      file("estimate", 'export { table } from "../report/table.js";'),
      file("suite", 'const m = await import("../cli/main.js");'),
      file("model", 'import type { Gateway } from "../gateway/gateway.js";\nimport { type Budget } from "../gateway/budget.js";'),
      file("report", 'import { table } from "../text/table.js";'),
    ]);
    expect(caught).toEqual([
      "model/x.ts:1: model → gateway (gateway/gateway.ts)",
      "estimate/x.ts:1: estimate → report (report/table.ts)",
      "suite/x.ts:1: suite → cli (cli/main.ts)",
    ]);
  });
});
