/**
 * Loading a requirement YAML the way upstream does (PyYAML `safe_load`, YAML 1.1): `yes`/`on` are booleans
 * but `y` is a string, `1e3` is a string while `1.0e+3` is a float, and floats stay floats (`1.0` is not
 * the int 1). The `yaml` package's 1.1 schema differs on these points, so its bool and float tags are
 * replaced by PyYAML's resolvers.
 *
 * @example
 * const req = loadRequirement("/…/requirements/step/1-1.yaml");
 * req.asyncInvoke; // false
 */
import { readFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { parse, type ScalarTag, type Tags } from "yaml";
import { pyRepr } from "./py-str.js";
import {
  PyFloat,
  fromJs,
  isMapping,
  isPyNumber,
  numericValue,
  type PyMapping,
  type PyValue,
} from "./py-value.js";

/** A requirement file that cannot be read or does not have the documented shape. */
export class RequirementFormatError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "RequirementFormatError";
  }
}

/** The keys of one requirement that the runner reads. */
export interface Requirement {
  /** File stem, e.g. "1-1"; also the registered function's name. */
  id: string;
  /** Folder under requirements/, e.g. "step". */
  suite: string;
  file: string;
  description: string;
  variables: PyMapping;
  /** Handler input before substitution (absent → null). */
  input: PyValue;
  asyncInvoke: boolean;
  expectedHistory: PyValue[];
  /** Absent for history-only requirements. */
  expectedResult: PyMapping | undefined;
  /** `undefined` when the YAML has no CallbackActions key at all. */
  callbackActions: PyValue[] | undefined;
  expectedLogs: PyValue | undefined;
  optional: boolean;
  pollIntervalMs: number;
  noProgressTimeoutMs: number;
}

const PYYAML_BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const PYYAML_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

const pyyamlBool: ScalarTag = {
  tag: "tag:yaml.org,2002:bool",
  default: true,
  test: PYYAML_BOOL,
  resolve: (s) => /^(?:yes|true|on)$/i.test(s),
};

const pyyamlFloat: ScalarTag = {
  tag: "tag:yaml.org,2002:float",
  default: true,
  test: PYYAML_FLOAT,
  resolve: (s) => new PyFloat(parsePyyamlFloat(s)),
};

function parsePyyamlFloat(text: string): number {
  const s = text.replace(/_/g, "").toLowerCase();
  const sign = s.startsWith("-") ? -1 : 1;
  const body = s.replace(/^[-+]/, "");
  if (body === ".inf") return sign * Infinity;
  if (body === ".nan") return NaN;
  if (!body.includes(":")) return sign * Number(body);
  // Sexagesimal (base 60), e.g. 190:20:30.15.
  return sign * body.split(":").reduce((acc, part) => acc * 60 + Number(part), 0);
}

function pyyamlTags(defaults: Tags): Tags {
  const replaced = new Set(["tag:yaml.org,2002:bool", "tag:yaml.org,2002:float"]);
  const kept = defaults.filter((t) => typeof t === "string" || !replaced.has(t.tag));
  return [...kept, pyyamlBool, pyyamlFloat];
}

/** Parses YAML text as PyYAML's `safe_load` would. */
export function parsePyyaml(text: string): PyValue {
  return fromJs(
    parse(text, { version: "1.1", customTags: pyyamlTags, uniqueKeys: false, maxAliasCount: -1 }),
  );
}

/** Python truthiness. */
export function pyTruthy(v: PyValue | undefined): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === "boolean") return v;
  if (isPyNumber(v)) return numericValue(v) !== 0;
  if (typeof v === "string" || Array.isArray(v)) return v.length > 0;
  if (isMapping(v)) return Object.keys(v).length > 0;
  return true;
}

/** Reads and checks one requirement file. */
export function loadRequirement(file: string): Requirement {
  let doc: PyValue;
  try {
    doc = parsePyyaml(readFileSync(file, "utf8"));
  } catch (e) {
    throw new RequirementFormatError(file, `not valid YAML: ${(e as Error).message}`);
  }
  if (!isMapping(doc))
    throw new RequirementFormatError(file, `expected a mapping at the top, got ${pyRepr(doc)}`);

  const variables = doc["Variables"] ?? {};
  if (!isMapping(variables)) throw new RequirementFormatError(file, "Variables must be a mapping");
  const history = doc["ExpectedExecutionHistory"] ?? [];
  if (!Array.isArray(history))
    throw new RequirementFormatError(file, "ExpectedExecutionHistory must be a list");
  const result = doc["ExpectedResult"];
  if (result !== undefined && result !== null && !isMapping(result)) {
    throw new RequirementFormatError(file, "ExpectedResult must be a mapping");
  }
  const actions = doc["CallbackActions"];
  if (actions !== undefined && actions !== null && !Array.isArray(actions)) {
    throw new RequirementFormatError(file, "CallbackActions must be a list");
  }
  const asyncConfig = doc["AsyncConfig"] ?? {};
  if (!isMapping(asyncConfig)) throw new RequirementFormatError(file, "AsyncConfig must be a mapping");

  return {
    id: basename(file).replace(/\.ya?ml$/, ""),
    suite: basename(dirname(file)),
    file,
    description: typeof doc["description"] === "string" ? doc["description"] : "",
    variables,
    input: doc["Input"] ?? null,
    asyncInvoke: pyTruthy(doc["AsyncInvoke"]),
    expectedHistory: history,
    expectedResult: isMapping(result) ? result : undefined,
    callbackActions: Array.isArray(actions) ? actions : actions === null ? [] : undefined,
    expectedLogs: doc["ExpectedLogs"] ?? undefined,
    optional: pyTruthy(doc["optional"]),
    pollIntervalMs: seconds(asyncConfig["PollIntervalSeconds"], 2, file),
    noProgressTimeoutMs: seconds(asyncConfig["NoProgressTimeoutSeconds"], 30, file),
  };
}

function seconds(v: PyValue | undefined, fallback: number, file: string): number {
  if (v === undefined) return fallback * 1000;
  if (!isPyNumber(v))
    throw new RequirementFormatError(file, `AsyncConfig durations must be numbers, got ${pyRepr(v)}`);
  return numericValue(v) * 1000;
}
