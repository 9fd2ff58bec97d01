// One benchmark measurement in a fresh process: `child.ts <workload> <sdk> [arg] [runs]`. Prints one JSON line.
import { bundleSize } from "./workloads/bundle-size.js";
import { coldStart } from "./workloads/cold-start.js";
import {
  concurrentSteps,
  executePerStep,
  mapUnderLatency,
  replayPerOperation,
} from "./workloads/sdk-workloads.js";
import { replayPeakRss } from "./workloads/rss.js";
import { serviceThroughput } from "./workloads/service-throughput.js";
import { testRunnerWall, type RunnerWorkload } from "./workloads/test-runner-workloads.js";
import type { SdkName } from "./lib/sdk.js";

const [workload, sdkArg, arg = "", runsArg = "9"] = process.argv.slice(2);
const sdk = sdkArg as SdkName;
const runs = Number(runsArg);

async function measure(): Promise<Record<string, number>> {
  switch (workload) {
    case "replay":
      return replayPerOperation(sdk, Number(arg), runs);
    case "execute":
      return executePerStep(sdk, Number(arg), runs);
    case "map-latency":
      return mapUnderLatency(sdk, runs);
    case "concurrent":
      return concurrentSteps(sdk, arg as "map" | "fan-out", runs);
    case "rss": {
      const [n, bundle] = arg.split(",");
      return replayPeakRss(sdk, Number(n), bundle!);
    }
    case "test-runner":
      return testRunnerWall(sdk, arg as RunnerWorkload, runs);
    case "cold-start":
      return coldStart(sdk, runs, arg);
    case "bundle":
      return bundleSize(sdk);
    case "service":
      return serviceThroughput(Number(arg));
    default:
      throw new Error(`unknown workload ${workload}`);
  }
}

// Both SDKs may write their own log lines to stdout; the result is the last line, marked.
const result = await measure();
process.stdout.write(`\nBENCH_RESULT ${JSON.stringify(result)}\n`);
process.exit(0);
