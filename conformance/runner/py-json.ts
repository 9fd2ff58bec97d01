/**
 * Python's `json.dumps` (default arguments) and `json.loads`, byte for byte. The service stores callback
 * results verbatim and requirements compare payload strings literally, so `{"status": "approved"}` must keep
 * Python's `", "` / `": "` separators, `1.0` must stay a float and non-ASCII text must become `\uXXXX`
 * escapes (surrogate pairs above U+FFFF).
 *
 * @example
 * pyJsonDumps({ status: "approved", n: new PyFloat(1) }); // '{"status": "approved", "n": 1.0}'
 * pyJsonLoads("[1, 2.0]"); // [1, PyFloat(2)]
 */
import { floatRepr, intStr } from "./py-str.js";
import { PyFloat, isMapping, type PyMapping, type PyValue } from "./py-value.js";

/** Thrown when a value has no JSON form (Python raises `TypeError`). */
export class PyJsonEncodeError extends Error {
  constructor(what: string) {
    super(`Object of type ${what} is not JSON serializable`);
    this.name = "PyJsonEncodeError";
  }
}

/** Thrown for text that Python's `json.loads` rejects. */
export class PyJsonDecodeError extends Error {
  constructor(reason: string, position: number) {
    super(`${reason}: char ${position}`);
    this.name = "PyJsonDecodeError";
  }
}

/** Python `json.dumps(value)` with default separators and `ensure_ascii=True`. */
export function pyJsonDumps(value: PyValue): string {
  if (value === null) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  if (typeof value === "string") return jsonString(value);
  if (value instanceof PyFloat) return jsonFloat(value.value);
  if (typeof value === "number") return Number.isInteger(value) ? intStr(value) : jsonFloat(value);
  if (value instanceof Date) throw new PyJsonEncodeError("datetime");
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(", ")}]`;
  if (isMapping(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${jsonString(k)}: ${pyJsonDumps(v)}`)
      .join(", ")}}`;
  }
  throw new PyJsonEncodeError(typeof value);
}

function jsonFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  return floatRepr(x);
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/** A JSON string literal escaped as Python's `ensure_ascii` encoder does (everything outside ' '..'~'). */
function jsonString(s: string): string {
  // Iterating UTF-16 code units yields surrogate pairs as two \uXXXX escapes, exactly like Python.
  return `"${s.replace(/[^ -~]|["\\]/g, (ch) => {
    return SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
  })}"`;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const STRING = /"(?:[^"\\]|\\.)*"/sy;
const WHITESPACE = /[ \t\n\r]*/y;

/** Python `json.loads(text)`: floats stay floats, `NaN`/`Infinity` are accepted. */
export function pyJsonLoads(text: string): PyValue {
  const parser = new JsonParser(text);
  const value = parser.value();
  parser.skipWhitespace();
  if (!parser.atEnd()) throw new PyJsonDecodeError("Extra data", parser.pos);
  return value;
}

class JsonParser {
  pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipWhitespace(): void {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.text);
    this.pos = WHITESPACE.lastIndex;
  }

  value(): PyValue {
    this.skipWhitespace();
    const ch = this.text[this.pos];
    if (ch === "{") return this.object();
    if (ch === "[") return this.array();
    if (ch === '"') return this.string();
    for (const [literal, value] of LITERALS) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return value;
      }
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) throw new PyJsonDecodeError("Expecting value", this.pos);
    this.pos = NUMBER.lastIndex;
    const n = Number(m[0]);
    return m[1] !== undefined || m[2] !== undefined ? new PyFloat(n) : n;
  }

  private string(): string {
    STRING.lastIndex = this.pos;
    const m = STRING.exec(this.text);
    if (m === null) throw new PyJsonDecodeError("Unterminated string starting at", this.pos);
    try {
      const s = JSON.parse(m[0]) as string;
      this.pos = STRING.lastIndex;
      return s;
    } catch {
      throw new PyJsonDecodeError("Invalid string", this.pos);
    }
  }

  private array(): PyValue[] {
    this.pos++;
    const out: PyValue[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipWhitespace();
      const ch = this.text[this.pos++];
      if (ch === "]") return out;
      if (ch !== ",") throw new PyJsonDecodeError("Expecting ',' delimiter", this.pos - 1);
    }
  }

  private object(): PyMapping {
    this.pos++;
    const out: PyMapping = {};
    this.skipWhitespace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') throw new PyJsonDecodeError("Expecting property name", this.pos);
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.pos++] !== ":") throw new PyJsonDecodeError("Expecting ':' delimiter", this.pos - 1);
      // defineProperty keeps a "__proto__" key an ordinary key.
      Object.defineProperty(out, key, {
        value: this.value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipWhitespace();
      const ch = this.text[this.pos++];
      if (ch === "}") return out;
      if (ch !== ",") throw new PyJsonDecodeError("Expecting ',' delimiter", this.pos - 1);
    }
  }
}

const LITERALS: ReadonlyArray<readonly [string, PyValue]> = [
  ["null", null],
  ["true", true],
  ["false", false],
  ["NaN", new PyFloat(NaN)],
  ["Infinity", new PyFloat(Infinity)],
  ["-Infinity", new PyFloat(-Infinity)],
];
