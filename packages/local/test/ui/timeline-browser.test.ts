import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  GetDurableExecutionHistoryCommand,
  InvokeCommand,
  LambdaClient,
  SendDurableExecutionCallbackSuccessCommand,
} from "@aws-sdk/client-lambda";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalService, type LocalService } from "../../src/index.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `timeline UI browser test skipped: ${CHROMIUM} not found (install it with: apt-get install -y chromium)`,
  );
}

const fixture = fileURLToPath(new URL("./fixtures/order-flow.ts", import.meta.url));
const approvalFixture = fileURLToPath(new URL("./fixtures/approval.ts", import.meta.url));

describe.skipIf(!hasChromium)(
  `timeline UI in headless Chromium (skipped without ${CHROMIUM})`,
  { timeout: 90_000 },
  () => {
    let service: LocalService;
    let browser: Browser;
    let page: Page;
    let arn: string;
    let client: LambdaClient;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      // The service mounts the UI by default, listing its registered functions.
      service = await startLocalService({
        database: ":memory:",
        functions: [
          { name: "order-flow", module: fixture, timeoutSeconds: 60 },
          { name: "approval", module: approvalFixture, timeoutSeconds: 60 },
        ],
      });
      client = new LambdaClient({
        endpoint: service.url,
        region: "us-east-1",
        credentials: { accessKeyId: "x", secretAccessKey: "x" },
      });
      const response = await client.send(
        new InvokeCommand({
          FunctionName: "order-flow",
          Qualifier: "$LATEST",
          DurableExecutionName: "order-A-1",
          Payload: new TextEncoder().encode(JSON.stringify({ orderId: "A-1" })),
        }),
      );
      expect(response.FunctionError).toBeUndefined();
      arn = response.DurableExecutionArn ?? "";
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--no-first-run",
          "--disable-background-networking",
        ],
      });
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.on("pageerror", (error) => pageErrors.push(error.message));
    }, 60_000);

    afterAll(async () => {
      client?.destroy();
      await browser?.close();
      await service?.close();
    });

    it("lists the function's executions and draws the selected one as a nested timeline", async () => {
      await page.goto(`${service.url}/ui/#fn=order-flow`);
      await page.waitForSelector("body[data-ready=true]");
      expect(await page.inputValue("#function-input")).toBe("order-flow");
      const row = page.locator("#executions-table tbody tr");
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.getAttribute("data-arn")).toBe(arn);
      expect(await row.locator(".badge").textContent()).toBe("SUCCEEDED");

      await row.click();
      await page.waitForSelector(".row.op");
      expect(await page.textContent("#execution-status")).toBe("SUCCEEDED");
      expect(await page.textContent("#execution-name")).toBe("order-A-1");
      expect(page.url()).toContain(`arn=${encodeURIComponent(arn)}`);

      const ops = await page.$$eval(".row.op", (rows) =>
        // DOM types are not in this Node project's lib; the callback runs in the page.
        rows.map((el: any) => {
          const bar = el.querySelector(".track .bar:last-child");
          return {
            label: el.querySelector(".label")?.firstChild?.textContent ?? "",
            depth: el.dataset.depth,
            status: el.dataset.status,
            barClass: bar?.className ?? "",
            barWidth: bar === null ? 0 : parseFloat(bar.style.width),
          };
        }),
      );
      expect(ops.map((op) => [op.label, op.depth, op.status])).toEqual([
        ["Execution", "0", "SUCCEEDED"],
        ["charge", "1", "SUCCEEDED"],
        ["cool-off", "1", "SUCCEEDED"],
        ["shipping", "1", "SUCCEEDED"],
        ["label", "2", "SUCCEEDED"],
        ["dispatch", "2", "SUCCEEDED"],
      ]);
      for (const op of ops) {
        expect(op.barClass).toContain("status-SUCCEEDED");
        expect(op.barWidth).toBeGreaterThan(0);
      }
      // The execution spans the whole axis; the retried step and the wait are visibly long.
      expect(ops[0]?.barWidth).toBeGreaterThan(99);
      const invocationBars = await page.locator('[data-lane="invocations"] .bar').count();
      expect(invocationBars).toBeGreaterThanOrEqual(2);
      expect(await page.textContent("#execution-fields")).toContain('"charged A-1"'.slice(1, -1));
    });

    it("shows the output captured from the execution's invocations", async () => {
      const logs = page.locator("#logs");
      await expect.poll(() => logs.isVisible()).toBe(true);
      const lines = await page.$$eval(".log-line", (rows) =>
        rows.map(
          (row: any) =>
            `${row.querySelector(".log-stream").textContent} ${row.querySelector(".log-text").textContent}`,
        ),
      );
      expect(lines).toEqual(
        expect.arrayContaining([
          "stdout charging A-1, attempt 1",
          "stderr card declined, will retry",
          "stdout charging A-1, attempt 2",
        ]),
      );
      expect(await page.locator(".log-line.stderr").count()).toBeGreaterThanOrEqual(1);
    });

    it("shows an operation's details and events when its row is clicked", async () => {
      await page.click('.row.op:has-text("charge")');
      const detail = page.locator("#operation-detail");
      await expect.poll(() => detail.isVisible()).toBe(true);
      expect(await detail.locator("h3").textContent()).toBe("charge");
      const text = (await detail.textContent()) ?? "";
      expect(text).toContain("Attempts2");
      expect(text).toContain("card declined (transient)");
      expect(text).toContain('"NextAttemptDelaySeconds": 1');
      await page.screenshot({ path: join(tmpdir(), "durable-timeline-ui.png"), fullPage: true });

      await page.click('.row.op:has-text("charge")');
      await expect.poll(() => detail.isVisible()).toBe(false);
      expect(pageErrors).toEqual([]);
    });

    it("shows service errors in the banner instead of failing silently", async () => {
      await page.goto(`${service.url}/ui/#fn=no-such-function`);
      await page.waitForSelector("body[data-ready=true]");
      await expect.poll(() => page.locator("#error-banner").isVisible()).toBe(true);
      expect(await page.textContent("#error-banner")).toMatch(/ResourceNotFoundException/);
    });

    it("updates a running execution live until it completes", async () => {
      const started = await client.send(
        new InvokeCommand({
          FunctionName: "approval",
          Qualifier: "$LATEST",
          InvocationType: "Event",
          Payload: new TextEncoder().encode("{}"),
        }),
      );
      const runningArn = started.DurableExecutionArn ?? "";
      let callbackId: string | undefined;
      while (callbackId === undefined) {
        const history = await client.send(
          new GetDurableExecutionHistoryCommand({ DurableExecutionArn: runningArn }),
        );
        callbackId = history.Events?.find((e) => e.EventType === "CallbackStarted")?.CallbackStartedDetails
          ?.CallbackId;
      }
      await page.goto(`${service.url}/ui/#fn=approval&arn=${encodeURIComponent(runningArn)}`);
      await page.waitForSelector("body[data-ready=true]");
      await expect.poll(() => page.textContent("#execution-status")).toBe("RUNNING");
      const status = (label: string) =>
        page.getAttribute(`.row.op:has(.label:text-is("${label}"))`, "data-status").catch(() => null);
      expect(await page.locator(".row.op .bar.running").count()).toBeGreaterThan(0);

      await client.send(
        new SendDurableExecutionCallbackSuccessCommand({
          CallbackId: callbackId,
          Result: new TextEncoder().encode('"yes"'),
        }),
      );
      // No reload: the page polls while something runs.
      await expect.poll(() => page.textContent("#execution-status"), { timeout: 20_000 }).toBe("SUCCEEDED");
      expect(await status("approval")).toBe("SUCCEEDED");
      expect(await page.locator("#executions-table tbody tr .badge").first().textContent()).toBe("SUCCEEDED");
      expect(pageErrors).toEqual([]);
    });
  },
);
