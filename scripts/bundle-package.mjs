// Bundles a workspace package with esbuild (dependencies stay external, whatever else is imported is bundled
// from its ES module build), one output per entry of its `exports` map that has a `source` condition
// (".": src/index.ts → index, "./internal": src/internal.ts → internal), in both module formats, minified
// with source maps.
//
// The first entry is one self-contained file per format (dist/index.js, dist/index.cjs); every other entry
// rides along in it as a namespace export (`__internal`) that dist/<entry>.js / .cjs re-exports. So entries
// share one copy of the code (a class exported by two entries is the same class through either), and a
// function's cold start loads and compiles one file: a code-split ESM build (entry + shared chunks + a chunk
// per dynamic import) measured ~3 ms slower to load a one-step handler and send its first checkpoint, and an
// unminified one ~1 ms slower than a minified one. Lazily imported modules stay lazy (evaluated on first use).
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";

/**
 * The entries of a package.json `exports` map that have TypeScript sources.
 *
 * @example
 * packageEntries({ exports: { ".": { source: "./src/index.ts" } } }); // [{ name: "index", source: "./src/index.ts" }]
 */
export function packageEntries(pkg) {
  const entries = [];
  for (const conditions of Object.values(pkg.exports ?? {})) {
    const source = typeof conditions === "object" && conditions !== null ? conditions.source : undefined;
    if (typeof source !== "string" || !source.endsWith(".ts")) continue;
    entries.push({ name: basename(source, ".ts"), source });
  }
  if (entries.length === 0)
    throw new Error('package.json "exports" lists no entry with a "source" condition');
  return entries;
}

/**
 * Writes dist/<entry>.js (ESM) and dist/<entry>.cjs (CJS) for every source entry of the package in
 * `packageDir`, under `outDir` (default: the package's own dist).
 *
 * @example
 * await bundlePackage("packages/sdk"); // packages/sdk/dist/index.js, index.cjs, internal.js, internal.cjs
 */
export async function bundlePackage(packageDir, outDir = join(packageDir, "dist")) {
  const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  const [main, ...others] = packageEntries(pkg);
  const dependencies = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}),
  ];
  const common = {
    bundle: true,
    platform: "node",
    target: "node20",
    external: [...dependencies, ...dependencies.map((d) => `${d}/*`)],
    // Whatever is bundled (devDependencies such as the SDK's SigV4 signer) comes from its ES module
    // build, so only the parts the package uses are included.
    mainFields: ["module", "main"],
    conditions: ["module"],
    minify: process.env.BUNDLE_MINIFY !== "0",
    sourcemap: true,
    logLevel: "warning",
  };
  // The main entry's exports, then each other entry as a namespace.
  const contents = [
    `export * from ${JSON.stringify(main.source)};`,
    ...others.map((e) => `export * as ${namespaceOf(e)} from ${JSON.stringify(e.source)};`),
  ].join("\n");
  const stdin = { contents, resolveDir: resolve(packageDir), sourcefile: "entries.ts", loader: "ts" };
  await build({ ...common, stdin, format: "esm", outfile: join(outDir, `${main.name}.js`) });
  await build({ ...common, stdin, format: "cjs", outfile: join(outDir, `${main.name}.cjs`) });
  for (const entry of others) {
    const names = await exportNames(packageDir, entry, common);
    const ns = namespaceOf(entry);
    writeFileSync(
      join(outDir, `${entry.name}.js`),
      `// ${entry.source}: its part of ${main.name}.js.\nimport { ${ns} } from "./${main.name}.js";\n` +
        `export const { ${names.join(", ")} } = ${ns};\n`,
    );
    writeFileSync(
      join(outDir, `${entry.name}.cjs`),
      `"use strict";\n// ${entry.source}: its part of ${main.name}.cjs.\nmodule.exports = require("./${main.name}.cjs").${ns};\n`,
    );
  }
}

/** The namespace export an extra entry rides in: "./internal" → `__internal`. */
function namespaceOf(entry) {
  return `__${entry.name.replace(/[^A-Za-z0-9_$]/g, "_")}`;
}

/** The runtime export names of an entry (types are erased), from esbuild's metafile. */
async function exportNames(packageDir, entry, common) {
  const result = await build({
    ...common,
    entryPoints: [resolve(packageDir, entry.source)],
    format: "esm",
    write: false,
    outdir: "unused",
    sourcemap: false,
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
  if (!output) throw new Error(`no output for ${entry.source}`);
  if (output.exports.includes("default"))
    throw new Error(`${entry.source}: a default export cannot ride along`);
  return output.exports;
}
