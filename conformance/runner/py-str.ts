/**
 * Python's `str()` and `repr()` of {@link PyValue}s. The requirements compare placeholders, regex subjects
 * and log fields through `str(value)`, so `None`, `True`, `2.0`, `1e+16` and `{'a': 1}` must come out exactly
 * as CPython prints them.
 *
 * @example
 * pyStr({ a: [1, new PyFloat(2), null] }); // "{'a': [1, 2.0, None]}"
 */
import { PyFloat, isMapping, type PyValue } from "./py-value.js";

/** Python `str(value)`. */
export function pyStr(value: PyValue): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return datetimeStr(value);
  return pyRepr(value);
}

/** Python `repr(value)`. */
export function pyRepr(value: PyValue): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return stringRepr(value);
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (typeof value === "number") return Number.isInteger(value) ? intStr(value) : floatRepr(value);
  if (value instanceof Date) return datetimeRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  if (isMapping(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${stringRepr(k)}: ${pyRepr(v)}`)
      .join(", ")}}`;
  }
  return String(value);
}

/** Decimal digits of an integral number, never in exponent form (Python ints are unbounded). */
export function intStr(n: number): string {
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
}

/**
 * Python `repr(float)`: the shortest digits that round-trip (JavaScript computes the same digits), laid out
 * in fixed notation when the decimal point position is in (-4, 16], else as `d.ddde±XX`.
 */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mantissa = "0", exponent = "0"] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exp = Number(exponent);
  const pointPosition = exp + 1;
  if (pointPosition > -4 && pointPosition <= 16) {
    if (pointPosition <= 0) return `${sign}0.${"0".repeat(-pointPosition)}${digits}`;
    if (pointPosition >= digits.length)
      return `${sign}${digits}${"0".repeat(pointPosition - digits.length)}.0`;
    return `${sign}${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`;
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const absExp = String(Math.abs(exp)).padStart(2, "0");
  return `${sign}${head}e${exp < 0 ? "-" : "+"}${absExp}`;
}

// Characters Python's str.isprintable() rejects: controls, format, surrogates, private use, unassigned and
// separators other than the ASCII space.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python `repr(str)`: single quotes unless the text has `'` and no `"`; non-printables escaped. */
export function stringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch !== " " && NON_PRINTABLE.test(ch)) out += escapeCodePoint(ch.codePointAt(0) ?? 0);
    else out += ch;
  }
  return out + quote;
}

function escapeCodePoint(cp: number): string {
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, "0")}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, "0")}`;
  return `\\U${cp.toString(16).padStart(8, "0")}`;
}

// botocore parses timestamps into timezone-aware UTC datetimes; these mirror their str() and repr().
function datetimeStr(d: Date): string {
  const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
  const ms = d.getUTCMilliseconds();
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date} ${time}${ms === 0 ? "" : `.${pad(ms * 1000, 6)}`}+00:00`;
}

function datetimeRepr(d: Date): string {
  const parts = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
  const seconds = d.getUTCSeconds();
  const micros = d.getUTCMilliseconds() * 1000;
  if (seconds !== 0 || micros !== 0) parts.push(seconds);
  if (micros !== 0) parts.push(micros);
  return `datetime.datetime(${parts.join(", ")}, tzinfo=tzutc())`;
}
