// createFileSystemSerdes: values live in JSON files on a shared mount (S3 Files, EFS) and the checkpoint holds a
// small envelope pointing at them. Envelope text, file locations and the overflow threshold follow the official
// SDK exactly, so a history written by either SDK replays under the other.
import { createHash } from "node:crypto";
import { join } from "node:path";
import { InvalidOperationConfigError, SerdesFailedError } from "../errors.js";
import type { AnySerdes, SerdesContext } from "../types/serdes-types.js";

/**
 * When values go to a file.
 *
 * @example
 * createFileSystemSerdes("/mnt/efs", { storageMode: FileSystemSerdesMode.OVERFLOW });
 */
export const FileSystemSerdesMode = {
  /** Every value is written to a file; the checkpoint holds `{"file":…}` (the default). */
  ALWAYS: "ALWAYS",
  /** Values stay inline as `{"data":…}` unless that envelope exceeds 255 KiB; then they go to a file. */
  OVERFLOW: "OVERFLOW",
} as const;
export type FileSystemSerdesMode = (typeof FileSystemSerdesMode)[keyof typeof FileSystemSerdesMode];

/**
 * How the execution ARN and the operation's entity id become a directory and a file name.
 *
 * @example
 * createFileSystemSerdes("/mnt/efs", { pathEncoding: FileSystemPathEncoding.HASH });
 */
export const FileSystemPathEncoding = {
  /**
   * Readable names (the default): `<functionName>/<executionName>/<invocationId>/<encodeURIComponent(entityId)>.json`;
   * an ARN of another shape becomes one `encodeURIComponent`-encoded directory.
   */
  URI: "URI",
  /** `<sha256(arn)>/<sha256(entityId)>.json`: fixed-length names, safe for any ARN or entity id. */
  HASH: "HASH",
} as const;
export type FileSystemPathEncoding = (typeof FileSystemPathEncoding)[keyof typeof FileSystemPathEncoding];

/**
 * Options of {@link createFileSystemSerdes}.
 *
 * @example
 * const config: FileSystemSerdesConfig = { storageMode: FileSystemSerdesMode.OVERFLOW };
 */
export interface FileSystemSerdesConfig {
  /** Default `FileSystemSerdesMode.ALWAYS`. */
  storageMode?: FileSystemSerdesMode;
  /** Default `FileSystemPathEncoding.URI`; use `HASH` when entity ids may be long or contain unsafe characters. */
  pathEncoding?: FileSystemPathEncoding;
  /**
   * Makes a small object stored inline beside the file pointer (`{"file":…,"preview":…}`), so the console and
   * history show something without reading the file. {@link buildPreview} builds one from field rules.
   */
  generatePreview?: (value: unknown) => Record<string, unknown> | undefined;
}

/** The service's checkpoint payload limit. */
const CHECKPOINT_PAYLOAD_LIMIT_BYTES = 256 * 1024;
/**
 * OVERFLOW mode writes a file once the inline envelope exceeds this: the limit minus 1 KiB left for the rest of
 * the checkpoint. Invariant: equal to the official SDK's threshold, or the two SDKs would checkpoint different
 * bytes for values near it.
 */
const OVERFLOW_THRESHOLD_BYTES = CHECKPOINT_PAYLOAD_LIMIT_BYTES - 1024;

/** `arn:<partition>:lambda:<region>:<account>:function:<name>:<version>/durable-execution/<execution>/<invocation>` */
const DURABLE_EXECUTION_ARN =
  /^arn:[^:]*:lambda:[^:]*:[^:]*:function:([^:/]+):[^:/]+\/durable-execution\/([^/]+)\/([^/]+)$/;

/** What the checkpoint holds: the value inline (as JSON text), or where its file is (with an optional preview). */
type Envelope = { data: string } | { file: string; preview?: Record<string, unknown> };

/**
 * A serdes that stores values as JSON files under `basePath`, checkpointing only `{"file":"<path>"}` (plus a
 * preview when `generatePreview` is set), or in OVERFLOW mode `{"data":"<json>"}` for values that fit.
 *
 * `basePath` must be storage every invocation of the function sees — an S3 Files or EFS mount. Lambda's `/tmp`
 * belongs to one execution environment: a replay elsewhere cannot find the file and fails.
 *
 * Wrong: `createFileSystemSerdes("/tmp/values")`. Right: `createFileSystemSerdes("/mnt/efs/values")`.
 *
 * @example
 * context.configureSerdes({
 *   defaultSerdes: createFileSystemSerdes("/mnt/s3", {
 *     storageMode: FileSystemSerdesMode.OVERFLOW,
 *     generatePreview: (value) => buildPreview(value, { mode: PreviewMode.EXCLUDE_ALL, include: [{ name: "id" }] }),
 *   }),
 * });
 */
export function createFileSystemSerdes(basePath: string, config: FileSystemSerdesConfig = {}): AnySerdes {
  const { storageMode, pathEncoding, generatePreview } = validateConfig(basePath, config);

  /** Writes `json` to the value's file and returns the envelope pointing at it. */
  const toFile = async (value: unknown, json: string, context: SerdesContext): Promise<string> => {
    const { directory, file } = locate(basePath, pathEncoding, context);
    const { mkdir, writeFile } = await fileSystem();
    await mkdir(directory, { recursive: true });
    await writeFile(file, json, "utf8");
    const preview = generatePreview?.(value);
    // Any falsy preview is left out, as the official SDK does; member order (file, preview) is part of the bytes.
    const envelope: Envelope = preview ? { file, preview } : { file };
    return JSON.stringify(envelope);
  };

  return {
    serialize: async (value, context) => {
      if (value === undefined) return undefined;
      const json = JSON.stringify(value) as string | undefined;
      if (json === undefined) {
        throw new SerdesFailedError(
          `createFileSystemSerdes cannot serialize a ${typeof value}: it has no JSON representation`,
        );
      }
      if (storageMode === FileSystemSerdesMode.ALWAYS) return toFile(value, json, context);
      const inline = JSON.stringify({ data: json } satisfies Envelope);
      // UTF-8 takes at most 3 bytes per UTF-16 unit, so short envelopes skip the byte count.
      const fits =
        inline.length * 3 <= OVERFLOW_THRESHOLD_BYTES ||
        Buffer.byteLength(inline, "utf8") <= OVERFLOW_THRESHOLD_BYTES;
      return fits ? inline : toFile(value, json, context);
    },
    deserialize: async (data) => {
      if (data === undefined) return undefined;
      const envelope = parseEnvelope(data);
      if ("file" in envelope) return parseJson(await readValueFile(envelope.file), `file ${envelope.file}`);
      return parseJson(envelope.data, "the checkpointed data");
    },
  };
}

/** The directory and file that hold the value of `context.entityId` in execution `context.durableExecutionArn`. */
function locate(
  basePath: string,
  encoding: FileSystemPathEncoding,
  context: SerdesContext,
): { directory: string; file: string } {
  const { durableExecutionArn, entityId } = context;
  if (typeof durableExecutionArn !== "string" || typeof entityId !== "string") {
    throw new SerdesFailedError(
      `createFileSystemSerdes needs a serdes context with string durableExecutionArn and entityId, received ${typeof durableExecutionArn} and ${typeof entityId}`,
    );
  }
  const arnParts =
    encoding === FileSystemPathEncoding.URI ? DURABLE_EXECUTION_ARN.exec(durableExecutionArn) : null;
  // The ARN's function, execution and invocation names are fixed for the execution and contain no '/'.
  const directory = arnParts
    ? join(basePath, arnParts[1] ?? "", arnParts[2] ?? "", arnParts[3] ?? "")
    : join(basePath, encodeSegment(durableExecutionArn, encoding));
  return { directory, file: join(directory, `${encodeSegment(entityId, encoding)}.json`) };
}

function encodeSegment(segment: string, encoding: FileSystemPathEncoding): string {
  return encoding === FileSystemPathEncoding.HASH
    ? createHash("sha256").update(segment).digest("hex")
    : encodeURIComponent(segment);
}

function parseEnvelope(data: string): Envelope {
  const envelope = parseJson(data, "the checkpointed envelope");
  if (envelope !== null && typeof envelope === "object" && !Array.isArray(envelope)) {
    // A file pointer takes precedence over inline data, as in the official SDK.
    if ("file" in envelope) {
      if (typeof envelope.file === "string") return envelope as Envelope;
    } else if ("data" in envelope && typeof envelope.data === "string") {
      return envelope as Envelope;
    }
  }
  throw new SerdesFailedError(
    `createFileSystemSerdes expected a checkpointed {"file":"<path>"} or {"data":"<json>"}, received ${abbreviate(data)}`,
  );
}

async function readValueFile(file: string): Promise<string> {
  try {
    return await (await fileSystem()).readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "it does not exist (is basePath on storage every invocation sees, such as EFS or S3 Files, not /tmp?)"
        : `it cannot be read (${code ?? String(error)})`;
    throw new SerdesFailedError(`createFileSystemSerdes cannot read ${file}: ${reason}`, error);
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SerdesFailedError(
      `createFileSystemSerdes found invalid JSON in ${what}: ${abbreviate(text)}`,
      error,
    );
  }
}

function abbreviate(text: string): string {
  return text.length <= 120
    ? JSON.stringify(text)
    : `${JSON.stringify(text.slice(0, 120))}… (${text.length} chars)`;
}

/** The config with defaults applied. */
interface ResolvedConfig {
  storageMode: FileSystemSerdesMode;
  pathEncoding: FileSystemPathEncoding;
  generatePreview: FileSystemSerdesConfig["generatePreview"];
}

function validateConfig(basePath: string, config: FileSystemSerdesConfig): ResolvedConfig {
  if (typeof basePath !== "string" || basePath === "") {
    throw new InvalidOperationConfigError(
      `createFileSystemSerdes basePath must be a non-empty directory path, received ${basePath === "" ? "an empty string" : typeof basePath}`,
    );
  }
  if (config === null || typeof config !== "object") {
    throw new InvalidOperationConfigError(
      `createFileSystemSerdes config must be an object, received ${typeof config}`,
    );
  }
  const storageMode = config.storageMode ?? FileSystemSerdesMode.ALWAYS;
  const pathEncoding = config.pathEncoding ?? FileSystemPathEncoding.URI;
  const { generatePreview } = config;
  if (!Object.values<string>(FileSystemSerdesMode).includes(storageMode)) {
    throw new InvalidOperationConfigError(
      `createFileSystemSerdes storageMode must be "ALWAYS" or "OVERFLOW", received ${JSON.stringify(storageMode)}`,
    );
  }
  if (!Object.values<string>(FileSystemPathEncoding).includes(pathEncoding)) {
    throw new InvalidOperationConfigError(
      `createFileSystemSerdes pathEncoding must be "URI" or "HASH", received ${JSON.stringify(pathEncoding)}`,
    );
  }
  if (generatePreview !== undefined && typeof generatePreview !== "function") {
    throw new InvalidOperationConfigError(
      `createFileSystemSerdes generatePreview must be a function, received ${typeof generatePreview}`,
    );
  }
  return { storageMode, pathEncoding, generatePreview };
}

/** node:fs/promises, imported when a value is first written or read (not on every cold start). */
function fileSystem(): Promise<typeof import("node:fs/promises")> {
  return import("node:fs/promises");
}
