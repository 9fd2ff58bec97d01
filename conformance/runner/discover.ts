/**
 * Finding the work: requirement YAMLs under `requirements/<suite>/**` (keyed by file stem, ids unique across
 * suites) and handler modules under `handlers/<suite>/<id>.ts` (folders starting with `_` hold helpers, not
 * suites).
 *
 * @example
 * const files = findRequirementFiles("/work/shared/conformance/requirements"); // undefined when absent
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** One requirement file and where it sits. */
export interface RequirementFile {
  id: string;
  suite: string;
  file: string;
}

/** Every requirement file, ordered by suite then id (numerically); undefined when `dir` does not exist. */
export function findRequirementFiles(dir: string): RequirementFile[] | undefined {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return undefined;
  const found: RequirementFile[] = [];
  for (const suite of readdirSync(dir).sort()) {
    const suiteDir = join(dir, suite);
    if (!statSync(suiteDir).isDirectory()) continue;
    for (const file of walk(suiteDir)) {
      const m = /([^/\\]+)\.ya?ml$/.exec(file);
      if (m !== null) found.push({ id: m[1] as string, suite, file });
    }
  }
  return found.sort((a, b) => a.suite.localeCompare(b.suite) || compareIds(a.id, b.id));
}

/** Orders "1-2" before "1-10". */
export function compareIds(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/** The handler module for a requirement (`<handlers>/<suite>/<id>.ts`), if it exists. */
export function handlerFile(handlersDir: string, suite: string, id: string): string | undefined {
  for (const ext of [".ts", ".mts", ".js", ".mjs"]) {
    const file = join(handlersDir, suite, `${id}${ext}`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}
