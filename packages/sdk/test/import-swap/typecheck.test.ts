// "Changing only the import" must also hold for the compiler: every import-swap handler type-checks under
// `strict`, once with `durable-lambda` resolved to this repository's SDK (as a user's project resolves it) and
// once with the same import pointed at the official `@aws/durable-execution-sdk-js` type declarations. The 118
// conformance handlers (and invoke targets) are held to the same rule: written against the official API only.
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const handlersDir = join(here, "handlers");
const handlerFiles = readdirSync(handlersDir)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => join(handlersDir, file));

const conformanceDir = resolve(here, "../../../../conformance");
const conformanceFiles = ["handlers", "targets"].flatMap((folder) =>
  readdirSync(join(conformanceDir, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => join(conformanceDir, folder, file)),
);

// The package exports no ./package.json; its entry point sits in dist/, beside dist-types/.
const require = createRequire(import.meta.url);
const officialTypes = resolve(
  dirname(require.resolve("@aws/durable-execution-sdk-js")),
  "../dist-types/index.d.ts",
);

const baseOptions: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts"],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  verbatimModuleSyntax: true,
  skipLibCheck: true,
  noEmit: true,
  types: ["node"],
};

/** Formatted diagnostics of one program over every checked file, keyed by file ("" for global ones). */
function diagnosticsByFile(options: ts.CompilerOptions): Map<string, string[]> {
  const program = ts.createProgram([...handlerFiles, ...conformanceFiles], options);
  const byFile = new Map<string, string[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName ?? "";
    const text = ts.formatDiagnostic(diagnostic, {
      getCanonicalFileName: (fileName) => fileName,
      getCurrentDirectory: () => here,
      getNewLine: () => "\n",
    });
    byFile.set(file, [...(byFile.get(file) ?? []), text.trim()]);
  }
  return byFile;
}

// One program per SDK binding serves every test (building one takes seconds).
const programs = new Map<string, Map<string, string[]>>();
function diagnosticsFor(files: string[], binding: "ours" | "official"): string[] {
  let byFile = programs.get(binding);
  if (byFile === undefined) {
    byFile = diagnosticsByFile(binding === "ours" ? ours : official);
    programs.set(binding, byFile);
  }
  return [...(byFile.get("") ?? []), ...files.flatMap((file) => byFile.get(file) ?? [])];
}

const ours: ts.CompilerOptions = { ...baseOptions, customConditions: ["source"] };
const official: ts.CompilerOptions = { ...baseOptions, paths: { "durable-lambda": [officialTypes] } };

function resolvedDurableLambda(options: ts.CompilerOptions): string | undefined {
  const host = ts.createCompilerHost(options);
  const firstHandler = handlerFiles[0] ?? "";
  const resolution = ts.resolveModuleName(
    "durable-lambda",
    firstHandler,
    options,
    host,
    undefined,
    undefined,
    ts.ModuleKind.ESNext,
  );
  return resolution.resolvedModule?.resolvedFileName;
}

describe("import-swap handlers type-check under strict", { timeout: 120_000 }, () => {
  it("finds the handlers", () => {
    expect(handlerFiles.length).toBeGreaterThanOrEqual(15);
  });

  it("resolve durable-lambda to this repository's SDK sources and to the official declarations", () => {
    expect(resolvedDurableLambda(ours)).toMatch(/packages\/sdk\/src\/index\.ts$/);
    expect(resolvedDurableLambda(official)).toBe(officialTypes);
  });

  it("with no diagnostics against the official @aws/durable-execution-sdk-js 2.4.0", () => {
    expect(diagnosticsFor(handlerFiles, "official")).toEqual([]);
  });

  it("with no diagnostics against durable-lambda", () => {
    expect(diagnosticsFor(handlerFiles, "ours")).toEqual([]);
  });

  it("and so do the conformance handlers and invoke targets, against both SDKs", () => {
    expect(conformanceFiles.length).toBeGreaterThanOrEqual(118 + 4);
    expect(diagnosticsFor(conformanceFiles, "official")).toEqual([]);
    expect(diagnosticsFor(conformanceFiles, "ours")).toEqual([]);
  });
});
