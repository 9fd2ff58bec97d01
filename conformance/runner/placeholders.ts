/**
 * The placeholder context of one requirement: the bindings shared by Variables, Input, history matching,
 * ExpectedResult, callback actions and ExpectedLogs. A name bound anywhere (say `${ID1}` while matching the
 * history) is visible everywhere afterwards, and bindings survive failed matches.
 *
 * @example
 * const ctx = new PlaceholderContext();
 * ctx.bindVariables({ NAME: "${GEN_STR:8}", N: 2 });
 * ctx.substitute("Hello, ${NAME}! ${UNBOUND}"); // "Hello, k3v9x0aa! ${UNBOUND}"
 */
import { randomInt } from "node:crypto";
import { pyStr } from "./py-str.js";
import { isMapping, type PyMapping, type PyValue } from "./py-value.js";

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const GEN_STR = /^\$\{GEN_STR:(\d+)\}$/;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Bindings of placeholder names to values, plus substitution of `${NAME}` references. */
export class PlaceholderContext {
  private readonly bindings = new Map<string, PyValue>();

  has(name: string): boolean {
    return this.bindings.has(name);
  }

  get(name: string): PyValue | undefined {
    return this.bindings.get(name);
  }

  bind(name: string, value: PyValue): void {
    this.bindings.set(name, value);
  }

  /** A snapshot of every binding, for reports. */
  entries(): Array<[string, PyValue]> {
    return [...this.bindings];
  }

  /**
   * Binds a requirement's `Variables`: `${GEN_STR:n}` draws a random `[a-z0-9]{n}`, any other string binds
   * as written, and a non-string binds as its Python `str()` (`True`, `1.5`).
   */
  bindVariables(variables: PyMapping): void {
    for (const [name, value] of Object.entries(variables)) {
      if (typeof value !== "string") {
        this.bind(name, pyStr(value));
        continue;
      }
      const gen = GEN_STR.exec(value);
      this.bind(name, gen === null ? value : randomString(Number(gen[1])));
    }
  }

  /**
   * Replaces every bound `${NAME}` in strings by Python `str(value)`, recursing into list items and mapping
   * values (never keys); unbound references stay as written.
   */
  substitute(value: PyValue): PyValue {
    if (typeof value === "string") return this.substituteString(value);
    if (Array.isArray(value)) return value.map((v) => this.substitute(v));
    if (isMapping(value)) {
      const out: PyMapping = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.substitute(v);
      return out;
    }
    return value;
  }

  substituteString(text: string): string {
    if (!text.includes("${")) return text;
    return text.replace(REFERENCE, (whole, name: string) => {
      const bound = this.bindings.get(name);
      return bound === undefined ? whole : pyStr(bound);
    });
  }
}

function randomString(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
