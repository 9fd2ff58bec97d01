import * as official from "@aws/durable-execution-sdk-js";
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { readFile, rm, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidOperationConfigError, SerdesFailedError } from "../errors.js";
import * as durableLambda from "../index.js";
import type { AnySerdes, SerdesContext } from "../types/serdes-types.js";
import {
  createFileSystemSerdes,
  FileSystemPathEncoding,
  FileSystemSerdesMode,
  type FileSystemSerdesConfig,
} from "./file-system-serdes.js";
import { buildPreview, PreviewMode } from "./preview.js";

const arn = "arn:aws:lambda:eu-west-1:123456789012:function:orders:$LATEST/durable-execution/run-7/inv-3";
const context: SerdesContext = { durableExecutionArn: arn, entityId: "c4ca4238a0b92382" };
const order = { id: "o-1", email: "ann@example.com", lines: [{ sku: "a", quantity: 2 }], note: "ünïcødé" };

// Created while collecting: describe.each bodies build serdes over it before any hook runs.
const basePath = mkdtempSync(join(tmpdir(), "fs-serdes-"));
afterAll(async () => {
  await rm(basePath, { recursive: true, force: true });
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
/** A string whose inline envelope `{"data":"\"x…\""}` is exactly `bytes` long. */
const valueWithEnvelopeBytes = (bytes: number) => "x".repeat(bytes - '{"data":"\\"\\""}'.length);
const OVERFLOW_THRESHOLD_BYTES = 256 * 1024 - 1024;

describe("createFileSystemSerdes", () => {
  it("ALWAYS writes the value to <function>/<execution>/<invocation>/<entityId>.json and checkpoints the path", async () => {
    const serdes = createFileSystemSerdes(basePath);
    const payload = await serdes.serialize(order, context);
    const file = join(basePath, "orders", "run-7", "inv-3", "c4ca4238a0b92382.json");
    expect(payload).toBe(JSON.stringify({ file }));
    expect(await readFile(file, "utf8")).toBe(JSON.stringify(order));
    expect(await serdes.deserialize(payload, context)).toEqual(order);
  });

  it("URI-encodes entity ids, and an ARN of another shape into one directory", async () => {
    const serdes = createFileSystemSerdes(basePath);
    const localContext = { durableExecutionArn: "local:exec/1", entityId: "a/b c" };
    const payload = await serdes.serialize(7, localContext);
    expect(payload).toBe(JSON.stringify({ file: join(basePath, "local%3Aexec%2F1", "a%2Fb%20c.json") }));
    expect(await serdes.deserialize(payload, localContext)).toBe(7);
  });

  it("HASH names the directory and file by SHA-256 of the ARN and the entity id", async () => {
    const serdes = createFileSystemSerdes(basePath, { pathEncoding: FileSystemPathEncoding.HASH });
    const payload = await serdes.serialize(order, context);
    expect(payload).toBe(
      JSON.stringify({ file: join(basePath, sha256(arn), `${sha256(context.entityId)}.json`) }),
    );
    expect(await serdes.deserialize(payload, context)).toEqual(order);
  });

  it("stores a preview inline after the file pointer", async () => {
    const serdes = createFileSystemSerdes(basePath, {
      generatePreview: (value) =>
        buildPreview(value, {
          mode: PreviewMode.EXCLUDE_ALL,
          include: [{ name: "id" }],
          mask: [{ name: "email" }],
        }),
    });
    const payload = await serdes.serialize(order, context);
    const file = join(basePath, "orders", "run-7", "inv-3", "c4ca4238a0b92382.json");
    expect(payload).toBe(`{"file":${JSON.stringify(file)},"preview":{"id":"o-1","email":"***"}}`);
    expect(await serdes.deserialize(payload, context)).toEqual(order);
    const noPreview = createFileSystemSerdes(basePath, { generatePreview: () => undefined });
    expect(await noPreview.serialize(order, context)).toBe(JSON.stringify({ file }));
  });

  it("OVERFLOW keeps envelopes up to 255 KiB inline and writes larger values to a file", async () => {
    const serdes = createFileSystemSerdes(basePath, {
      storageMode: FileSystemSerdesMode.OVERFLOW,
      generatePreview: () => ({ large: true }),
    });
    const small = await serdes.serialize(order, { ...context, entityId: "small" });
    expect(small).toBe(JSON.stringify({ data: JSON.stringify(order) }));
    const atLimit = valueWithEnvelopeBytes(OVERFLOW_THRESHOLD_BYTES);
    const inline = await serdes.serialize(atLimit, { ...context, entityId: "at-limit" });
    expect(Buffer.byteLength(inline ?? "")).toBe(OVERFLOW_THRESHOLD_BYTES);
    expect(await serdes.deserialize(inline, context)).toBe(atLimit);
    const overLimit = valueWithEnvelopeBytes(OVERFLOW_THRESHOLD_BYTES + 1);
    const overflowed = await serdes.serialize(overLimit, { ...context, entityId: "over-limit" });
    const file = join(basePath, "orders", "run-7", "inv-3", "over-limit.json");
    expect(overflowed).toBe(JSON.stringify({ file, preview: { large: true } }));
    expect(await serdes.deserialize(overflowed, context)).toBe(overLimit);
  });

  it("counts UTF-8 bytes, not characters, against the threshold", async () => {
    const serdes = createFileSystemSerdes(basePath, { storageMode: FileSystemSerdesMode.OVERFLOW });
    const wide = "é".repeat(OVERFLOW_THRESHOLD_BYTES / 2); // 2 bytes each: over the threshold in bytes
    expect(await serdes.serialize(wide, { ...context, entityId: "wide" })).toMatch(/^\{"file":/);
  });

  it("passes undefined through both ways", async () => {
    const serdes = createFileSystemSerdes(basePath);
    expect(await serdes.serialize(undefined, context)).toBeUndefined();
    expect(await serdes.deserialize(undefined, context)).toBeUndefined();
  });

  it("fails with SerdesFailedError naming the file when it is missing", async () => {
    const serdes = createFileSystemSerdes(basePath);
    const payload = await serdes.serialize(order, { ...context, entityId: "gone" });
    await unlink(JSON.parse(payload ?? "{}").file as string);
    const reading = serdes.deserialize(payload, context);
    await expect(reading).rejects.toThrow(SerdesFailedError);
    await expect(serdes.deserialize(payload, context)).rejects.toThrow(/gone\.json: it does not exist/);
  });

  it("rejects payloads that are not its envelope, and values without JSON", async () => {
    const serdes = createFileSystemSerdes(basePath, { storageMode: FileSystemSerdesMode.OVERFLOW });
    for (const [payload, message] of [
      ["not json", /invalid JSON in the checkpointed envelope: "not json"/],
      ['{"value":1}', /expected a checkpointed \{"file":"<path>"\} or \{"data":"<json>"\}/],
      ['{"file":3}', /expected a checkpointed/],
      ["null", /expected a checkpointed/],
      ['{"data":"{oops"}', /invalid JSON in the checkpointed data/],
    ] as const) {
      await expect(serdes.deserialize(payload, context)).rejects.toThrow(SerdesFailedError);
      await expect(serdes.deserialize(payload, context)).rejects.toThrow(message);
    }
    await expect(serdes.serialize(() => 1, context)).rejects.toThrow(/cannot serialize a function/);
    await expect(
      createFileSystemSerdes(basePath).serialize(1, { entityId: 5 } as unknown as SerdesContext),
    ).rejects.toThrow(/string durableExecutionArn and entityId, received undefined and number/);
  });

  it("rejects a malformed configuration with InvalidOperationConfigError", () => {
    const cases: [unknown, unknown, RegExp][] = [
      ["", {}, /basePath must be a non-empty directory path, received an empty string/],
      [undefined, {}, /basePath must be a non-empty directory path, received undefined/],
      ["/mnt/efs", null, /config must be an object, received object/],
      [
        "/mnt/efs",
        { storageMode: "SOMETIMES" },
        /storageMode must be "ALWAYS" or "OVERFLOW", received "SOMETIMES"/,
      ],
      ["/mnt/efs", { pathEncoding: "BASE64" }, /pathEncoding must be "URI" or "HASH", received "BASE64"/],
      ["/mnt/efs", { generatePreview: true }, /generatePreview must be a function, received boolean/],
    ];
    for (const [path, config, message] of cases) {
      const create = () => createFileSystemSerdes(path as string, config as FileSystemSerdesConfig);
      expect(create).toThrow(InvalidOperationConfigError);
      expect(create).toThrow(message);
    }
  });
});

describe("createFileSystemSerdes against the official SDK", () => {
  it("is exported from the package with the official enums' values", () => {
    for (const name of [
      "FileSystemSerdesMode",
      "FileSystemPathEncoding",
      "PreviewMode",
      "FieldMatchMode",
    ] as const) {
      expect({ name, values: durableLambda[name] }).toEqual({ name, values: { ...official[name] } });
    }
    expect(typeof durableLambda.createFileSystemSerdes).toBe("function");
    expect(typeof durableLambda.buildPreview).toBe("function");
  });

  const previewOf = (value: unknown) =>
    buildPreview(value, {
      mode: PreviewMode.INCLUDE_ALL,
      exclude: [{ name: "lines" }],
      mask: [{ name: "email" }],
    });
  const configs: [string, FileSystemSerdesConfig][] = [
    ["ALWAYS/URI", {}],
    ["ALWAYS/HASH", { pathEncoding: FileSystemPathEncoding.HASH }],
    ["ALWAYS/URI with preview", { generatePreview: previewOf }],
    ["OVERFLOW/URI", { storageMode: FileSystemSerdesMode.OVERFLOW }],
    [
      "OVERFLOW/HASH with preview",
      {
        storageMode: FileSystemSerdesMode.OVERFLOW,
        pathEncoding: FileSystemPathEncoding.HASH,
        generatePreview: previewOf,
      },
    ],
  ];
  const values: [string, unknown][] = [
    ["an object", order],
    ["a string", "plain"],
    ["null", null],
    ["a number", 42],
    ["an array", [1, { a: "b" }]],
    ["a value at the overflow threshold", valueWithEnvelopeBytes(OVERFLOW_THRESHOLD_BYTES)],
    ["a value just over the overflow threshold", valueWithEnvelopeBytes(OVERFLOW_THRESHOLD_BYTES + 1)],
  ];
  const contexts: SerdesContext[] = [
    context,
    { durableExecutionArn: "arn:local:exec/with spaces", entityId: "1-2-3" },
  ];

  describe.each(configs)("%s", (_label, config) => {
    // The official serdes takes the same options object: the enums hold the same strings.
    const ours: AnySerdes = createFileSystemSerdes(basePath, config);
    const theirs = official.createFileSystemSerdes(basePath, config as official.FileSystemSerdesConfig);

    it.each(values)(
      "checkpoints the same bytes and files for %s, and each reads the other's",
      async (_name, value) => {
        for (const serdesContext of contexts) {
          const fromOurs = await ours.serialize(value, serdesContext);
          const fileOfOurs = fileIn(fromOurs);
          const ourFileText = fileOfOurs === undefined ? undefined : await readFile(fileOfOurs, "utf8");
          const fromTheirs = await theirs.serialize(value, serdesContext);
          expect(fromOurs).toBe(fromTheirs);
          if (fileOfOurs !== undefined) expect(await readFile(fileOfOurs, "utf8")).toBe(ourFileText);
          expect(await theirs.deserialize(fromOurs, serdesContext)).toEqual(value);
          expect(await ours.deserialize(fromTheirs, serdesContext)).toEqual(value);
        }
      },
    );
  });
});

function fileIn(payload: string | undefined): string | undefined {
  const envelope = JSON.parse(payload ?? "{}") as { file?: string };
  return envelope.file;
}
