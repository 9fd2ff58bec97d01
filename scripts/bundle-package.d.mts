/** One entry of a package.json `exports` map with a TypeScript source. */
export interface PackageEntry {
  /** Output file name without extension, from the source file name ("index", "internal"). */
  name: string;
  /** The `source` condition, relative to the package folder ("./src/index.ts"). */
  source: string;
}

/** The entries of a package.json `exports` map that have TypeScript sources. */
export function packageEntries(pkg: { exports?: Record<string, unknown> }): PackageEntry[];

/** Writes dist/<entry>.js (ESM) and dist/<entry>.cjs (CJS) for every source entry of the package in `packageDir`. */
export function bundlePackage(packageDir: string, outDir?: string): Promise<void>;
