// "Changing only the import" must also hold for the compiler: every import-swap handler type-checks under
// `strict`, once with `durable-lambda` resolved to this repository's SDK (as a user's project resolves it) and
// once with the same import pointed at the official `@aws/durable-execution-sdk-js` type declarations.
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

function diagnosticsFor(options: ts.CompilerOptions): string[] {
  const program = ts.createProgram(handlerFiles, options);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) =>
    ts
      .formatDiagnostic(diagnostic, {
        getCanonicalFileName: (fileName) => fileName,
        getCurrentDirectory: () => here,
        getNewLine: () => "\n",
      })
      .trim(),
  );
}

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

describe("import-swap handlers type-check under strict", () => {
  it("finds the handlers", () => {
    expect(handlerFiles.length).toBeGreaterThanOrEqual(15);
  });

  const ours: ts.CompilerOptions = { ...baseOptions, customConditions: ["source"] };
  const official: ts.CompilerOptions = { ...baseOptions, paths: { "durable-lambda": [officialTypes] } };

  it("resolve durable-lambda to this repository's SDK sources and to the official declarations", () => {
    expect(resolvedDurableLambda(ours)).toMatch(/packages\/sdk\/src\/index\.ts$/);
    expect(resolvedDurableLambda(official)).toBe(officialTypes);
  });

  it("with no diagnostics against the official @aws/durable-execution-sdk-js 2.4.0", () => {
    expect(diagnosticsFor(official)).toEqual([]);
  });

  it("with no diagnostics against durable-lambda", () => {
    expect(diagnosticsFor(ours)).toEqual([]);
  });
});
