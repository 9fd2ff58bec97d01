// Bundles a workspace package with esbuild (dependencies stay external), one bundle per entry of its
// `exports` map that has a `source` condition (".": src/index.ts → index, "./internal": src/internal.ts →
// internal), in both module formats. Entries share one copy of the code in each format, so a class
// exported by two entries is the same class through either (instanceof holds across entries):
// - ESM: one esbuild run with code splitting; shared code goes to dist/chunks/.
// - CJS (esbuild cannot split it): with several entries, one bundle dist/shared.cjs holds every entry's
//   namespace and dist/<entry>.cjs re-exports its own; with one entry, dist/<entry>.cjs is the bundle.
import { build } from "esbuild";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

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
  const entries = packageEntries(pkg);
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
    sourcemap: true,
    logLevel: "warning",
  };
  const esm = await build({
    ...common,
    entryPoints: Object.fromEntries(entries.map((e) => [e.name, resolve(packageDir, e.source)])),
    format: "esm",
    splitting: true,
    outdir: outDir,
    chunkNames: "chunks/[name]-[hash]",
    metafile: true,
  });
  removeUnreachableChunks(esm.metafile);
  if (entries.length === 1) {
    const [only] = entries;
    await build({
      ...common,
      entryPoints: [resolve(packageDir, only.source)],
      format: "cjs",
      outfile: join(outDir, `${only.name}.cjs`),
    });
    return;
  }
  // Entry i is the namespace `entry<i>` of the shared bundle (entry names need not be identifiers).
  await build({
    ...common,
    stdin: {
      contents: entries.map((e, i) => `export * as entry${i} from ${JSON.stringify(e.source)};`).join("\n"),
      resolveDir: resolve(packageDir),
      sourcefile: "entries.ts",
      loader: "ts",
    },
    format: "cjs",
    outfile: join(outDir, "shared.cjs"),
  });
  entries.forEach((e, i) => {
    writeFileSync(
      join(outDir, `${e.name}.cjs`),
      `"use strict";\n// ${e.source}: its part of the shared CommonJS bundle.\nmodule.exports = require("./shared.cjs").entry${i};\n`,
    );
  });
}

/**
 * Deletes ESM chunks no entry can reach. esbuild emits a chunk for every dynamic import it meets, even
 * in code tree shaking dropped (a bundled dependency's unused lazy branch), and such a chunk is dead weight.
 */
function removeUnreachableChunks(metafile) {
  const outputs = metafile.outputs;
  const reachable = new Set();
  const visit = (file) => {
    if (reachable.has(file) || !outputs[file]) return;
    reachable.add(file);
    for (const imported of outputs[file].imports) visit(imported.path);
  };
  // Dynamic-import targets count as entry points in the metafile too; the package's own entries are the
  // outputs beside (not under) chunks/.
  for (const [file, output] of Object.entries(outputs))
    if (output.entryPoint && basename(dirname(file)) !== "chunks") visit(file);
  for (const file of Object.keys(outputs)) {
    if (reachable.has(file) || file.endsWith(".map")) continue;
    rmSync(file, { force: true });
    rmSync(`${file}.map`, { force: true });
  }
}
