// `npm run bench`: every figure for our SDK and the official @aws/durable-execution-sdk-js 2.4.0 (and its testing
// package 1.1.4), each measured in fresh processes on the same workload, printed side by side with the ratio and
// the target, and written to bench/results/latest.json. Benchmarks never run in `npm test` and assert no times.
//
// Options: --quick (fewer runs, smaller N), --only <substring> (figures whose id contains it).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { formatValue, median } from "./lib/stats.js";

const { values } = parseArgs({ options: { quick: { type: "boolean" }, only: { type: "string" } } });
const quick = values.quick ?? false;
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..");

type Sdk = "ours" | "official";
interface Figure {
  id: string;
  label: string;
  unit: string;
  /** Which number of the workload's result to report. */
  key: string;
  workload: string;
  arg?: string;
  runs: number;
  /**
   * Fresh processes per SDK, alternating ours / official, each giving its own median; the figure is the median of
   * those. This VM's speed drifts by tens of percent over seconds: alternating lets both SDKs see the same drift.
   */
  processes?: number;
  sdks: Sdk[];
  /** ours ÷ official must be ≤ this (or ≥ for higherIsBetter figures); undefined = recorded only. */
  maxRatio?: number;
  /** An absolute bound on ours, e.g. the test runner's fixed cost. */
  maxOurs?: number;
}

const N = quick ? [100, 1000] : [100, 1000, 5000];
const figures: Figure[] = [
  ...N.map((n) => ({
    id: `replay-${n}`,
    label: `Replay, per completed op (N=${n})`,
    unit: "µs",
    key: "usPerOp",
    workload: "replay",
    arg: String(n),
    runs: quick ? 5 : 15,
    processes: quick ? 1 : 5,
    sdks: ["ours", "official"] as Sdk[],
    maxRatio: 0.1,
  })),
  ...N.map((n) => ({
    id: `execute-${n}`,
    label: `Execute, per new step (N=${n})`,
    unit: "µs",
    key: "usPerStep",
    workload: "execute",
    arg: String(n),
    runs: quick ? 3 : 9,
    processes: quick ? 1 : 5,
    sdks: ["ours", "official"] as Sdk[],
    maxRatio: 0.1,
  })),
  {
    id: "runner-trivial",
    label: "Test runner, fixed cost of one run",
    unit: "ms",
    key: "wallMs",
    workload: "test-runner",
    arg: "trivial",
    runs: quick ? 5 : 15,
    sdks: ["ours", "official"],
    maxRatio: 0.01,
    maxOurs: 5,
  },
  {
    id: "runner-steps-1000",
    label: "Test runner, 1000 sequential steps",
    unit: "ms",
    key: "wallMs",
    workload: "test-runner",
    arg: "steps-1000",
    runs: quick ? 1 : 3,
    sdks: ["ours", "official"],
    maxRatio: 0.01,
  },
  {
    id: "runner-wait-map",
    label: "Test runner, 30 s wait + map of 10",
    unit: "ms",
    key: "wallMs",
    workload: "test-runner",
    arg: "wait-and-map",
    runs: quick ? 1 : 3,
    sdks: ["ours", "official"],
    maxRatio: 0.01,
  },
  {
    id: "cold-start",
    label: "Cold start, first line → first checkpoint",
    unit: "ms",
    key: "ms",
    workload: "cold-start",
    runs: quick ? 3 : 9,
    processes: quick ? 1 : 3,
    sdks: ["ours", "official"],
    maxRatio: 0.2,
  },
  {
    id: "bundle",
    label: "Bundle, 3-line handler, minified",
    unit: "KB",
    key: "kb",
    workload: "bundle",
    runs: 1,
    sdks: ["ours", "official"],
    maxRatio: 0.2,
  },
  {
    id: "rss-5000",
    label: "Peak RSS replaying 5000 ops",
    unit: "MB",
    key: "peakMb",
    workload: "rss",
    arg: "5000",
    runs: 1,
    sdks: ["ours", "official"],
    maxRatio: 0.5,
  },
  {
    id: "rss-growth-5000",
    label: "RSS growth replaying 5000 ops",
    unit: "MB",
    key: "growthMb",
    workload: "rss",
    arg: "5000",
    runs: 1,
    sdks: ["ours", "official"],
  },
  {
    id: "map-calls",
    label: "map 100 / conc. 10 @10 ms: checkpoint calls",
    unit: "calls",
    key: "checkpointCalls",
    workload: "map-latency",
    runs: quick ? 1 : 3,
    sdks: ["ours", "official"],
    maxRatio: 1,
  },
  {
    id: "map-wall",
    label: "map 100 / conc. 10 @10 ms: wall time",
    unit: "ms",
    key: "wallMs",
    workload: "map-latency",
    runs: quick ? 1 : 3,
    sdks: ["ours", "official"],
    maxRatio: 0.5,
  },
  {
    id: "concurrent-map",
    label: "map 500 / conc. 50, steps awaiting I/O",
    unit: "ms",
    key: "ms",
    workload: "concurrent",
    arg: "map",
    runs: quick ? 5 : 15,
    sdks: ["ours", "official"],
  },
  {
    id: "concurrent-fan-out",
    label: "500 steps at once in one context (all)",
    unit: "ms",
    key: "ms",
    workload: "concurrent",
    arg: "fan-out",
    runs: quick ? 5 : 15,
    sdks: ["ours", "official"],
  },
  {
    id: "service-seq",
    label: "Local service, 3-step executions/s, sequential",
    unit: "/s",
    key: "sequentialPerSec",
    workload: "service",
    arg: quick ? "20" : "100",
    runs: 1,
    sdks: ["ours"],
  },
  {
    id: "service-50",
    label: "Local service, 3-step executions/s, 50 concurrent",
    unit: "/s",
    key: "concurrent50PerSec",
    workload: "service",
    arg: quick ? "20" : "100",
    runs: 1,
    sdks: ["ours"],
  },
];

// Both SDKs are measured as users get them: our packages built (the SDK for every SDK figure, the local service and
// the test kit for the test-runner figures), the official ones from their published dist.
console.log("building packages/sdk, packages/local, packages/testing …");
for (const pkg of ["packages/sdk", "packages/local", "packages/testing"])
  execFileSync("npm", ["run", "build", "-w", pkg], { cwd: repo, stdio: "ignore" });
const ourBundle = join(repo, "packages", "sdk", "dist", "index.js");

const cache = new Map<string, Record<string, number>>();

/** Every SDK's result for `fig`: the per-key median over `fig.processes` alternating processes. */
function measureAll(fig: Figure): Map<Sdk, Record<string, number>> {
  const perSdk = new Map<Sdk, Record<string, number>[]>(fig.sdks.map((sdk) => [sdk, []]));
  for (let p = 0; p < (fig.processes ?? 1); p++)
    for (const sdk of fig.sdks) perSdk.get(sdk)!.push(measureOnce(fig, sdk, p));
  const results = new Map<Sdk, Record<string, number>>();
  for (const [sdk, list] of perSdk) {
    const keys = Object.keys(list[0]!);
    results.set(sdk, Object.fromEntries(keys.map((k) => [k, median(list.map((r) => r[k]!))])));
  }
  return results;
}

function measureOnce(fig: Figure, sdk: Sdk, round: number): Record<string, number> {
  const arg =
    fig.workload === "cold-start"
      ? ourBundle
      : fig.workload === "rss"
        ? `${fig.arg},${ourBundle}`
        : (fig.arg ?? "");
  const key = `${fig.workload}|${sdk}|${arg}|${round}`;
  const hit = cache.get(key);
  if (hit) return hit;
  // Test-runner workloads import our test kit by package name: without the `source` condition that is its build.
  const conditions = fig.workload === "test-runner" ? [] : ["--conditions=source"];
  const child = spawnSync(
    process.execPath,
    [
      ...conditions,
      "--import",
      "tsx",
      "--expose-gc",
      join(here, "child.ts"),
      fig.workload,
      sdk,
      arg,
      String(fig.runs),
    ],
    {
      cwd: here,
      encoding: "utf8",
      maxBuffer: 256 * 2 ** 20,
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        AWS_LAMBDA_LOG_LEVEL: "ERROR",
      },
    },
  );
  const line = child.stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  if (child.status !== 0 || !line)
    throw new Error(`${fig.id} (${sdk}) failed:\n${child.stderr.slice(-2000)}`);
  const result = JSON.parse(line.slice("BENCH_RESULT ".length)) as Record<string, number>;
  cache.set(key, result);
  return result;
}

const rows: Array<Record<string, unknown>> = [];
console.log(
  ["figure".padEnd(48), "ours".padStart(12), "official".padStart(12), "ratio".padStart(9), "target"].join(
    "  ",
  ),
);
const selected = figures.filter((f) => !values.only || f.id.includes(values.only));
for (const fig of selected) {
  const results = measureAll(fig);
  const ours = results.get("ours")![fig.key]!;
  const official = results.get("official")?.[fig.key];
  const ratio = official === undefined ? undefined : ours / official;
  const met =
    (fig.maxRatio === undefined || ratio === undefined || ratio <= fig.maxRatio) &&
    (fig.maxOurs === undefined || ours <= fig.maxOurs);
  const target = [
    fig.maxRatio !== undefined ? `≤ ${fig.maxRatio}×` : "",
    fig.maxOurs !== undefined ? `ours ≤ ${fig.maxOurs} ${fig.unit}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  rows.push({
    id: fig.id,
    label: fig.label,
    unit: fig.unit,
    ours,
    official,
    ratio,
    target: target || "recorded",
    met,
  });
  console.log(
    [
      fig.label.padEnd(48),
      formatValue(ours, fig.unit).padStart(12),
      (official === undefined ? "—" : formatValue(official, fig.unit)).padStart(12),
      (ratio === undefined ? "" : `${ratio.toFixed(3)}×`).padStart(9),
      (target || "recorded").padEnd(22),
      target ? (met ? "met" : "NOT MET") : "",
    ].join("  "),
  );
}

// Linearity of our execute path: per-step cost at the largest N within 1.2× of N=100.
const exec = rows.filter((r) => String(r["id"]).startsWith("execute-"));
if (exec.length >= 2) {
  const growth = (exec.at(-1)!["ours"] as number) / (exec[0]!["ours"] as number);
  console.log(
    `${"Execute linearity (ours, largest N ÷ N=100)".padEnd(48)}  ${growth.toFixed(2).padStart(12)}  target ≤ 1.2  ${growth <= 1.2 ? "met" : "NOT MET"}`,
  );
  rows.push({
    id: "execute-linearity",
    label: "Execute linearity",
    ours: growth,
    target: "≤ 1.2",
    met: growth <= 1.2,
  });
}

const machine = {
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  memoryGb: Math.round(totalmem() / 2 ** 30),
};
mkdirSync(join(here, "results"), { recursive: true });
writeFileSync(
  join(here, "results", "latest.json"),
  JSON.stringify({ date: new Date().toISOString(), machine, quick, rows }, null, 2),
);
console.log(
  `\nmachine: ${machine.cpuModel} × ${machine.cpus}, ${machine.memoryGb} GB, Node ${machine.node}; results in bench/results/latest.json`,
);
