import { afterEach, describe, expect, it } from "vitest";
import {
  PluginLoadError,
  SerdesFailedError,
  createClassSerdesWithDates,
  defaultSerdes,
} from "../../src/index.js";
import { deserializeFor, serializeFor } from "../../src/serdes.js";
import { harness } from "./harness.js";

const ctx = { entityId: "e", durableExecutionArn: "arn" };

describe("serdes (SDK.md §10)", () => {
  it("default JSON serdes maps undefined to no payload", async () => {
    expect(await defaultSerdes.serialize(undefined, ctx)).toBeUndefined();
    expect(await defaultSerdes.deserialize(undefined, ctx)).toBeUndefined();
    expect(await defaultSerdes.deserialize('{"a":[1]}', ctx)).toEqual({ a: [1] });
  });

  it("serializeFor / deserializeFor with the default serdes round-trip like JSON and keep its strict checks", async () => {
    const owner = { describe: () => 'Step "s" (id 1)', context: ctx };
    for (const value of ["text", 'q"uote', 0, -1.5, Number.NaN, true, null, { a: [1, "b"] }, [null]]) {
      const payload = await serializeFor(defaultSerdes, value, owner);
      expect(payload).toBe(JSON.stringify(value));
      expect(await deserializeFor(defaultSerdes, payload, owner)).toEqual(JSON.parse(payload as string));
    }
    expect(await serializeFor(defaultSerdes, undefined, owner)).toBeUndefined();
    for (const bad of [10n, () => 1, Symbol("s"), { nested: 1n }]) {
      await expect(serializeFor(defaultSerdes, bad, owner)).rejects.toBeInstanceOf(SerdesFailedError);
    }
    await expect(deserializeFor(defaultSerdes, "{not json", owner)).rejects.toThrow(
      /Deserialization failed for Step "s" \(id 1\)/,
    );
  });

  it("class serdes revives instances and dates", async () => {
    class Order {
      id = "";
      at: Date = new Date(0);
      label(): string {
        return `order ${this.id}`;
      }
    }
    const serdes = createClassSerdesWithDates(Order, ["at"]);
    const text = await serdes.serialize(Object.assign(new Order(), { id: "7", at: new Date(1000) }), ctx);
    const back = await serdes.deserialize(text, ctx);
    expect(back?.label()).toBe("order 7");
    expect(back?.at).toEqual(new Date(1000));
  });

  it("a failing custom deserializer on replay is an invocation-scope SerdesFailedError naming the operation", async () => {
    let run = 0;
    const h = harness(async (_e, c) => {
      run++;
      await c.step("s", async () => 1, {
        serdes: {
          serialize: async (v) => JSON.stringify(v),
          deserialize: async (s) => {
            if (run > 1) throw new Error("corrupt");
            return s === undefined ? undefined : (JSON.parse(s) as number);
          },
        },
      });
      await c.wait({ seconds: 1 });
    });
    await h.invoke();
    h.backend.advanceTime(1);
    const second = h.invoke();
    await expect(second).rejects.toBeInstanceOf(SerdesFailedError);
    await expect(second).rejects.toThrow('Deserialization failed for Step "s" (id 1): corrupt');
  });

  it("a serializer returning a non-string is a typed error", async () => {
    const h = harness(async (_e, c) =>
      c.step(async () => 1, { serdes: { serialize: async () => 5 as never, deserialize: async () => 1 } }),
    );
    await expect(h.invoke()).rejects.toThrow(/serdes returned number, expected a string/);
  });
});

describe("environment-loaded plugins (DURABLE_EXECUTION_PLUGINS)", () => {
  afterEach(() => {
    delete process.env["DURABLE_EXECUTION_PLUGINS"];
  });

  it("loads providers by module name", async () => {
    const fixture = new URL("./fixtures/env-plugin.ts", import.meta.url).href;
    process.env["DURABLE_EXECUTION_PLUGINS"] = fixture;
    const { seen } = (await import(fixture)) as { seen: string[] };
    const h = harness(async () => 1);
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(seen).toEqual(["start"]);
  });

  it("a package that cannot be loaded fails the execution with PluginLoadError", async () => {
    process.env["DURABLE_EXECUTION_PLUGINS"] = "definitely-not-a-package-xyz";
    let ran = false;
    const h = harness(async () => {
      ran = true;
    });
    const out = await h.invoke();
    expect(out).toMatchObject({ Status: "FAILED", Error: { ErrorType: "PluginLoadError" } });
    expect(ran).toBe(false);
    expect(PluginLoadError.name).toBe("PluginLoadError");
  });
});
