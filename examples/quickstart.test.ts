// The README's first command, end to end: `npm run example` must start the service, run the order workflow,
// answer its approval and exit 0 with the final result.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const here = fileURLToPath(new URL(".", import.meta.url));
const tsx = createRequire(import.meta.url).resolve("tsx");

describe("quickstart", () => {
  it("runs the order workflow to completion and exits 0", async () => {
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--conditions=source", "--import", tsx, "quickstart.ts"],
        {
          cwd: here,
          env: { ...process.env, DURABLE_QUICKSTART_PORT: "0", DURABLE_QUICKSTART_DB: ":memory:" },
          timeout: 60_000,
        },
        (error, out) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout: out }),
      );
    });
    expect(stdout).toContain('waitForCallback "manager approval" started');
    expect(stdout).toContain("npx durable callback succeed");
    expect(stdout).toContain("Execution SUCCEEDED");
    expect(stdout).toContain('"status": "COMPLETED"');
    expect(code).toBe(0);
  });
});
