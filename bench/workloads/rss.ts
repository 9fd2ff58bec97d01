// Peak RSS figure: the replay of N completed steps runs in a fresh plain `node` process on the built SDK (ours) or
// the official package's dist, so neither side carries the TypeScript loader the other workloads run under.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { SdkName } from "../lib/sdk.js";

export async function replayPeakRss(
  sdk: SdkName,
  n: number,
  ourBundle: string,
): Promise<Record<string, number>> {
  const outfile = join(mkdtempSync(join(tmpdir(), "rss-")), "rss-entry.mjs");
  await build({
    entryPoints: [fileURLToPath(new URL("./rss-entry.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "silent",
  });
  const sdkUrl =
    sdk === "ours" ? pathToFileURL(ourBundle).href : import.meta.resolve("@aws/durable-execution-sdk-js");
  const child = spawnSync(process.execPath, [outfile], {
    encoding: "utf8",
    env: { ...process.env, BENCH_SDK_URL: sdkUrl, BENCH_N: String(n), AWS_LAMBDA_LOG_LEVEL: "ERROR" },
  });
  const line = child.stdout.split("\n").find((l) => l.startsWith("BENCH_RSS "));
  if (child.status !== 0 || !line) throw new Error(`rss run failed: ${child.stderr.slice(-2000)}`);
  return JSON.parse(line.slice("BENCH_RSS ".length)) as Record<string, number>;
}
