// Builds the workspace package in the current directory: ESM + CJS bundles of every entry of its
// `exports` map (index, internal, …; see bundle-package.mjs) and .d.ts files with tsc. Run from a
// package folder.
import { rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { bundlePackage } from "./bundle-package.mjs";

rmSync("dist", { recursive: true, force: true });
await bundlePackage(".");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });
