// buildPreview: a small, size-capped projection of a value (chosen fields, some masked) that a file-system serdes
// can store inline next to its file pointer. The output must equal the official SDK's for the same input, because
// it ends up inside checkpointed payloads that either SDK may write and the other read.
import { InvalidOperationConfigError } from "../errors.js";

/**
 * How a {@link PreviewField} name is compared with a field's position in the value.
 *
 * @example
 * const email: PreviewField = { name: "user.email", match: FieldMatchMode.PATH };
 */
export const FieldMatchMode = {
  /** The name matches a field of that name at any depth, and everything below it (the default). */
  ANYWHERE: "ANYWHERE",
  /** The name is a dot-separated path from the root (`"email"` is only the top-level field). */
  PATH: "PATH",
} as const;
export type FieldMatchMode = (typeof FieldMatchMode)[keyof typeof FieldMatchMode];

/**
 * Whether a preview starts from every field or from none.
 *
 * @example
 * buildPreview(order, { mode: PreviewMode.INCLUDE_ALL, exclude: [{ name: "card" }] });
 */
export const PreviewMode = {
  /** Every field, minus `exclude`; `mask` replaces values. */
  INCLUDE_ALL: "INCLUDE_ALL",
  /** Only `include` and `mask` fields, minus `exclude`. */
  EXCLUDE_ALL: "EXCLUDE_ALL",
} as const;
export type PreviewMode = (typeof PreviewMode)[keyof typeof PreviewMode];

/**
 * Selects fields for a preview's include, exclude or mask list.
 *
 * @example
 * const field: PreviewField = { name: "email" }; // any field called "email", at any depth
 */
export interface PreviewField {
  /** A field name, or a dot-separated path with `match: FieldMatchMode.PATH`. */
  name: string;
  /** Defaults to `FieldMatchMode.ANYWHERE`. */
  match?: FieldMatchMode;
}

/**
 * What {@link buildPreview} keeps, hides and masks.
 *
 * @example
 * const config: PreviewConfig = { mode: PreviewMode.EXCLUDE_ALL, include: [{ name: "id" }], maxPreviewBytes: 512 };
 */
export interface PreviewConfig {
  mode: PreviewMode;
  /** Shown even in `EXCLUDE_ALL` mode. */
  include?: PreviewField[];
  /** Never shown, whatever `include` and `mask` say. */
  exclude?: PreviewField[];
  /** Shown (unless excluded) with the value replaced by `maskString`. */
  mask?: PreviewField[];
  /** Replacement for masked values. Default `"***"`. */
  maskString?: string;
  /** Fields are added in traversal order while the preview's estimated JSON size stays within this. Default 4096. */
  maxPreviewBytes?: number;
}

const DEFAULT_MASK_STRING = "***";
const DEFAULT_MAX_PREVIEW_BYTES = 4096;
/** Keys that would reach an object's prototype when the preview tree is built; never copied. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
/** The size estimate starts with the braces of the empty object. */
const EMPTY_OBJECT_BYTES = 2;

/** Bits of {@link NameHits}: which lists name a field on the current path (ANYWHERE matching). */
const INCLUDE_HIT = 1;
const EXCLUDE_HIT = 2;
const MASK_HIT = 4;
/** A bit set of INCLUDE_HIT | EXCLUDE_HIT | MASK_HIT. */
type NameHits = number;

/** One include/exclude/mask list, split by match mode into sets so a lookup costs O(1). */
interface FieldSet {
  names: ReadonlySet<string>;
  paths: ReadonlySet<string>;
}

/**
 * Builds a preview of `value`: the selected fields at their original nesting, masked fields replaced by
 * `maskString`, added in traversal order until `maxPreviewBytes` would be exceeded. `undefined` when `value` is not
 * an object or nothing is selected.
 *
 * An ANYWHERE name selects that field and everything below it. Exclusion wins over masking and inclusion; masking
 * implies inclusion. Array elements are merged into an object at the array's position (indices are not kept, and
 * arrays of primitives contribute nothing); field names containing a dot are skipped.
 *
 * @example
 * buildPreview(
 *   { id: "o-1", user: { email: "a@b.c", name: "Ann" }, card: "4111" },
 *   { mode: PreviewMode.EXCLUDE_ALL, include: [{ name: "id" }], mask: [{ name: "email" }] },
 * ); // { id: "o-1", user: { email: "***" } }
 */
export function buildPreview(value: unknown, config: PreviewConfig): Record<string, unknown> | undefined {
  const { includeAll, include, exclude, mask, maskString, maxBytes } = compileConfig(config);
  if (value === null || typeof value !== "object") return undefined;

  const entries: [path: string, value: unknown][] = [];
  // Objects on the current path: a cycle would otherwise recurse forever.
  const onPath = new Set<object>();

  const visit = (node: object, prefix: string, inheritedHits: NameHits): void => {
    if (onPath.has(node)) {
      throw new TypeError(`buildPreview: value has a circular reference at "${prefix || "(root)"}"`);
    }
    onPath.add(node);
    if (Array.isArray(node)) {
      // Elements share the array's position: their fields merge there.
      for (const element of node as unknown[]) {
        if (element !== null && typeof element === "object") visit(element, prefix, inheritedHits);
      }
    } else {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (PROTOTYPE_KEYS.has(key) || key.includes(".")) continue;
        const path = prefix === "" ? key : `${prefix}.${key}`;
        // A name matches when it is any segment of the path; an empty prefix contributes no segment.
        const hits = (prefix === "" ? 0 : inheritedHits) | nameHits(key, include, exclude, mask);
        const excluded = (hits & EXCLUDE_HIT) !== 0 || exclude.paths.has(path);
        if (excluded) continue;
        const masked = (hits & MASK_HIT) !== 0 || mask.paths.has(path);
        if (masked) {
          entries.push([path, maskString]);
          continue;
        }
        const child = record[key];
        const childIsObject = child !== null && typeof child === "object";
        const included = includeAll || (hits & INCLUDE_HIT) !== 0 || include.paths.has(path);
        if (childIsObject) visit(child, path, hits);
        else if (included) entries.push([path, child]);
      }
    }
    onPath.delete(node);
  };
  visit(value, "", 0);

  return entries.length === 0 ? undefined : assemble(entries, maxBytes);
}

/** Nests the entries that fit in `maxBytes` (by the estimate both SDKs use) into one object. */
function assemble(
  entries: readonly [path: string, value: unknown][],
  maxBytes: number,
): Record<string, unknown> | undefined {
  const preview: Record<string, unknown> = {};
  let estimatedBytes = EMPTY_OBJECT_BYTES;
  let added = 0;
  for (const [path, value] of entries) {
    // Invariant: this estimate (unescaped path, trailing comma) decides truncation, so it must not be "improved"
    // without breaking byte-compatibility with previews the official SDK writes.
    const entryBytes = Buffer.byteLength(`"${path}":${estimateJson(value)},`, "utf8");
    if (estimatedBytes + entryBytes > maxBytes) break;
    estimatedBytes += entryBytes;
    added += 1;
    place(preview, path, value);
  }
  return added === 0 ? undefined : preview;
}

/** Sets `value` at the dot-separated `path` of `root`, replacing any non-object met on the way. */
function place(root: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split(".");
  const leaf = segments.pop() ?? "";
  let node = root;
  for (const segment of segments) {
    const existing = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (existing !== null && typeof existing === "object") {
      node = existing as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      node[segment] = created;
      node = created;
    }
  }
  node[leaf] = value;
}

/** JSON text of a leaf for the size estimate; BigInt (which JSON rejects) is counted by its digits. */
function estimateJson(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  return String(JSON.stringify(value));
}

function nameHits(key: string, include: FieldSet, exclude: FieldSet, mask: FieldSet): NameHits {
  return (
    (include.names.has(key) ? INCLUDE_HIT : 0) |
    (exclude.names.has(key) ? EXCLUDE_HIT : 0) |
    (mask.names.has(key) ? MASK_HIT : 0)
  );
}

interface CompiledConfig {
  includeAll: boolean;
  include: FieldSet;
  exclude: FieldSet;
  mask: FieldSet;
  maskString: string;
  maxBytes: number;
}

/** Validates `config` once and turns its field lists into sets. */
function compileConfig(config: PreviewConfig): CompiledConfig {
  if (config === null || typeof config !== "object") {
    throw new InvalidOperationConfigError(
      `buildPreview config must be an object, received ${describe(config)}`,
    );
  }
  const { mode } = config;
  // `??` rather than destructuring defaults: a null setting means "the default", as in the official SDK.
  const maskString = config.maskString ?? DEFAULT_MASK_STRING;
  const maxPreviewBytes = config.maxPreviewBytes ?? DEFAULT_MAX_PREVIEW_BYTES;
  if (mode !== PreviewMode.INCLUDE_ALL && mode !== PreviewMode.EXCLUDE_ALL) {
    throw new InvalidOperationConfigError(
      `buildPreview mode must be "INCLUDE_ALL" or "EXCLUDE_ALL", received ${describe(mode)}`,
    );
  }
  if (typeof maskString !== "string") {
    throw new InvalidOperationConfigError(
      `buildPreview maskString must be a string, received ${describe(maskString)}`,
    );
  }
  if (typeof maxPreviewBytes !== "number" || Number.isNaN(maxPreviewBytes)) {
    throw new InvalidOperationConfigError(
      `buildPreview maxPreviewBytes must be a number, received ${describe(maxPreviewBytes)}`,
    );
  }
  return {
    includeAll: mode === PreviewMode.INCLUDE_ALL,
    include: compileFields("include", config.include),
    exclude: compileFields("exclude", config.exclude),
    mask: compileFields("mask", config.mask),
    maskString,
    maxBytes: maxPreviewBytes,
  };
}

function compileFields(list: string, fields: readonly PreviewField[] | undefined): FieldSet {
  const names = new Set<string>();
  const paths = new Set<string>();
  if (fields === undefined) return { names, paths };
  if (!Array.isArray(fields)) {
    throw new InvalidOperationConfigError(
      `buildPreview ${list} must be an array of fields, received ${describe(fields)}`,
    );
  }
  fields.forEach((field: unknown, index) => {
    const where = `buildPreview ${list}[${index}]`;
    if (field === null || typeof field !== "object") {
      throw new InvalidOperationConfigError(`${where} must be { name, match? }, received ${describe(field)}`);
    }
    const { name, match = FieldMatchMode.ANYWHERE } = field as Partial<PreviewField>;
    if (typeof name !== "string") {
      throw new InvalidOperationConfigError(`${where}.name must be a string, received ${describe(name)}`);
    }
    if (match === FieldMatchMode.PATH) paths.add(name);
    else if (match === FieldMatchMode.ANYWHERE) names.add(name);
    else {
      throw new InvalidOperationConfigError(
        `${where}.match must be "ANYWHERE" or "PATH", received ${describe(match)}`,
      );
    }
  });
  return { names, paths };
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : typeof value;
}
