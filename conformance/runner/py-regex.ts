/**
 * Python `re` patterns run on JavaScript's engine. Requirements are written for CPython's `re.search`, whose
 * dialect differs from JavaScript's: `$` also matches before a final newline, `\d`/`\w`/`\s`/`\b` are
 * Unicode-aware, a leading `(?i)` sets a flag, `(?P<name>…)` names groups, and a `{` that does not start a
 * quantifier is a literal. The pattern is translated token by token into an equivalent `v`-mode RegExp;
 * constructs JavaScript cannot express (scoped flags, conditionals, atomic groups) are rejected with a
 * {@link PyRegexError} rather than approximated.
 *
 * @example
 * pySearch("(?i)^hello$", "HELLO\n"); // true — Python's `$` matches before the final newline
 */

/** A pattern that is not valid Python or cannot be expressed in JavaScript. */
export class PyRegexError extends Error {
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    super(`cannot use Python regex ${JSON.stringify(pattern)}: ${reason}`);
    this.name = "PyRegexError";
  }
}

interface Flags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
  verbose: boolean;
  ascii: boolean;
}

const cache = new Map<string, RegExp>();

/** Python `re.search(pattern, subject) is not None`. */
export function pySearch(pattern: string, subject: string): boolean {
  return compilePyRegex(pattern).test(subject);
}

/** Translates (and caches) a Python pattern into a JavaScript RegExp with the same `search` behaviour. */
export function compilePyRegex(pattern: string): RegExp {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = new Translator(pattern).translate();
    cache.set(pattern, compiled);
  }
  return compiled;
}

// Characters that must be escaped to be literal outside a class in `v` mode (and may be).
const SYNTAX_OUTSIDE = new Set("^$\\.*+?()[]{}|/");
// Characters that must (or may, harmlessly) be escaped inside a `v`-mode class.
const SYNTAX_IN_CLASS = new Set("()[]{}/-\\|&!#%,:;<=>@`~^$*+.?");
const HEX = /^[0-9a-fA-F]+$/;

/** The characters of Python's `str.isspace()` (and of `\\s` in a str pattern), as regex class contents. */
export const PY_WHITESPACE =
  "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

class Translator {
  private pos = 0;
  private readonly flags: Flags = {
    ignoreCase: false,
    multiline: false,
    dotAll: false,
    verbose: false,
    ascii: false,
  };

  constructor(private readonly pattern: string) {}

  translate(): RegExp {
    this.readGlobalFlags();
    let out = "";
    while (this.pos < this.pattern.length) out += this.atom();
    try {
      return new RegExp(out, this.flags.ignoreCase ? "iv" : "v");
    } catch (e) {
      throw new PyRegexError(this.pattern, (e as Error).message);
    }
  }

  private fail(reason: string): never {
    throw new PyRegexError(this.pattern, `${reason} at position ${this.pos}`);
  }

  private get wordClass(): string {
    return this.flags.ascii ? "A-Za-z0-9_" : "\\p{L}\\p{N}_";
  }

  private get digitClass(): string {
    return this.flags.ascii ? "0-9" : "\\p{Nd}";
  }

  private get spaceClass(): string {
    return this.flags.ascii ? " \\t\\n\\r\\f\\v" : PY_WHITESPACE;
  }

  // Python accepts global flags only at the very start: `(?i)`, `(?ms)`, possibly repeated.
  private readGlobalFlags(): void {
    for (;;) {
      const m = /^\(\?([aiLmsux]+)\)/.exec(this.pattern.slice(this.pos));
      if (m === null) return;
      for (const f of m[1] ?? "") {
        if (f === "i") this.flags.ignoreCase = true;
        else if (f === "m") this.flags.multiline = true;
        else if (f === "s") this.flags.dotAll = true;
        else if (f === "x") this.flags.verbose = true;
        else if (f === "a") this.flags.ascii = true;
      }
      this.pos += m[0].length;
    }
  }

  private atom(): string {
    const ch = this.pattern[this.pos++] ?? "";
    switch (ch) {
      case "\\":
        return this.escapeOutsideClass();
      case "[":
        return this.characterClass();
      case "(":
        return this.group();
      case "{":
        return this.brace();
      case "}":
      case "]":
        return `\\${ch}`;
      case ".":
        return this.flags.dotAll ? "[\\s\\S]" : "[^\\n]";
      case "^":
        return this.flags.multiline ? "(?:(?<![\\s\\S])|(?<=\\n))" : "(?<![\\s\\S])";
      case "$":
        return this.flags.multiline ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))";
      case "*":
      case "+":
      case "?":
        if (this.pattern[this.pos] === "+") this.fail("possessive quantifiers are not supported");
        return ch;
      case "|":
      case ")":
        return ch;
      default:
        if (this.flags.verbose && /\s/.test(ch)) return "";
        if (this.flags.verbose && ch === "#") {
          const end = this.pattern.indexOf("\n", this.pos);
          this.pos = end === -1 ? this.pattern.length : end + 1;
          return "";
        }
        return literalOutsideClass(ch);
    }
  }

  // `{m,n}` is a quantifier only when it parses as one; otherwise Python treats `{` as a literal.
  private brace(): string {
    const m = /^(\d*)(?:(,)(\d*))?\}/.exec(this.pattern.slice(this.pos));
    if (m === null || (m[1] === "" && m[2] === undefined)) return "\\{";
    this.pos += m[0].length;
    const min = m[1] === "" ? "0" : String(Number(m[1]));
    const max = m[2] === undefined ? min : m[3] === "" ? "" : String(Number(m[3]));
    if (this.pattern[this.pos] === "+") this.fail("possessive quantifiers are not supported");
    return m[2] === undefined ? `{${min}}` : `{${min},${max}}`;
  }

  private group(): string {
    if (this.pattern[this.pos] !== "?") return "(";
    const rest = this.pattern.slice(this.pos + 1);
    for (const kept of [":", "=", "!", "<=", "<!"]) {
      if (rest.startsWith(kept)) {
        this.pos += 1 + kept.length;
        return `(?${kept}`;
      }
    }
    const named = /^P<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
    if (named !== null) {
      this.pos += 1 + named[0].length;
      return `(?<${named[1]}>`;
    }
    const backref = /^P=([A-Za-z_][A-Za-z0-9_]*)\)/.exec(rest);
    if (backref !== null) {
      this.pos += 1 + backref[0].length;
      return `\\k<${backref[1]}>`;
    }
    if (rest.startsWith("#")) {
      const end = this.pattern.indexOf(")", this.pos);
      if (end === -1) this.fail("missing ), unterminated comment");
      this.pos = end + 1;
      return "";
    }
    if (/^[aiLmsux-]+[:)]/.test(rest))
      this.fail("inline flags are only supported at the start of the pattern");
    return this.fail("unsupported group syntax");
  }

  private escapeOutsideClass(): string {
    const c = this.pattern[this.pos++];
    if (c === undefined) return this.fail("bad escape (end of pattern)");
    switch (c) {
      case "d":
        return `[${this.digitClass}]`;
      case "D":
        return `[^${this.digitClass}]`;
      case "w":
        return `[${this.wordClass}]`;
      case "W":
        return `[^${this.wordClass}]`;
      case "s":
        return `[${this.spaceClass}]`;
      case "S":
        return `[^${this.spaceClass}]`;
      case "b": {
        const w = `[${this.wordClass}]`;
        return `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
      }
      case "B": {
        const w = `[${this.wordClass}]`;
        return `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))`;
      }
      case "A":
        return "(?<![\\s\\S])";
      case "Z":
        return "(?![\\s\\S])";
      default: {
        if (/[1-9]/.test(c)) return this.backreference(c);
        const cp = this.characterEscape(c, false);
        return literalOutsideClass(String.fromCodePoint(cp));
      }
    }
  }

  private backreference(first: string): string {
    let digits = first;
    const next = this.pattern[this.pos];
    if (next !== undefined && /[0-9]/.test(next)) {
      // Three octal digits form an octal escape, not a group reference.
      const third = this.pattern[this.pos + 1];
      if (/[0-7]/.test(first) && /[0-7]/.test(next) && third !== undefined && /[0-7]/.test(third)) {
        this.pos += 2;
        const cp = parseInt(first + next + third, 8);
        if (cp > 0o377) this.fail("octal escape value outside of range 0-0o377");
        return literalOutsideClass(String.fromCodePoint(cp));
      }
      digits += next;
      this.pos++;
    }
    return `(?:\\${digits})`;
  }

  /** The code point of a single-character escape (after the backslash); `\b` is a backspace in classes. */
  private characterEscape(c: string, inClass: boolean): number {
    switch (c) {
      case "n":
        return 10;
      case "t":
        return 9;
      case "r":
        return 13;
      case "f":
        return 12;
      case "v":
        return 11;
      case "a":
        return 7;
      case "x":
        return this.hexDigits(2);
      case "u":
        return this.hexDigits(4);
      case "U":
        return this.hexDigits(8);
      case "0": {
        const more = /^[0-7]{0,2}/.exec(this.pattern.slice(this.pos))?.[0] ?? "";
        this.pos += more.length;
        return parseInt(`0${more}`, 8);
      }
      default:
        if (inClass && c === "b") return 8;
        if (/[A-Za-z0-9]/.test(c)) this.fail(`bad escape \\${c}`);
        return c.codePointAt(0) ?? 0;
    }
  }

  private hexDigits(count: number): number {
    const digits = this.pattern.slice(this.pos, this.pos + count);
    if (digits.length !== count || !HEX.test(digits))
      this.fail(`incomplete escape, expected ${count} hex digits`);
    this.pos += count;
    const cp = parseInt(digits, 16);
    if (cp > 0x10ffff) this.fail("escape value outside of the Unicode range");
    return cp;
  }

  // A set is read as items first, so a `-` becomes a range only between two single characters (as in
  // Python) and is escaped otherwise (`v` mode rejects a bare `-`).
  private characterClass(): string {
    let out = "[";
    if (this.pattern[this.pos] === "^") {
      out += "^";
      this.pos++;
    }
    const items: ClassItem[] = [];
    for (;;) {
      const cp = this.pattern.codePointAt(this.pos);
      if (cp === undefined) return this.fail("unterminated character set");
      this.pos += cp > 0xffff ? 2 : 1;
      if (cp === 0x5d && items.length > 0) break; // "]" closes the set unless it is the first item
      if (cp === 0x5c) items.push(this.escapeInClass());
      else items.push({ codePoint: cp });
    }
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as ClassItem;
      const next = items[i + 1];
      const after = items[i + 2];
      // Only an unescaped "-" makes a range: `[a\-z]` is the three characters a, -, z.
      const isDash =
        next !== undefined && "codePoint" in next && next.codePoint === 0x2d && next.escaped !== true;
      if ("codePoint" in item && isDash && after !== undefined && "codePoint" in after) {
        if (after.codePoint < item.codePoint) this.fail("bad character range");
        out += `${literalInClass(item.codePoint)}-${literalInClass(after.codePoint)}`;
        i += 2;
      } else {
        out += "codePoint" in item ? literalInClass(item.codePoint) : item.set;
      }
    }
    return `${out}]`;
  }

  private escapeInClass(): ClassItem {
    const c = this.pattern[this.pos++];
    if (c === undefined) return this.fail("bad escape (end of pattern)");
    switch (c) {
      case "d":
        return { set: this.digitClass };
      case "D":
        return { set: `[^${this.digitClass}]` };
      case "w":
        return { set: this.wordClass };
      case "W":
        return { set: `[^${this.wordClass}]` };
      case "s":
        return { set: this.spaceClass };
      case "S":
        return { set: `[^${this.spaceClass}]` };
      default:
        if (/[0-7]/.test(c)) {
          // Inside a set, digits are always an octal escape of up to three digits.
          const more = /^[0-7]{0,2}/.exec(this.pattern.slice(this.pos))?.[0] ?? "";
          this.pos += more.length;
          const codePoint = parseInt(c + more, 8);
          if (codePoint > 0o377) this.fail("octal escape value outside of range 0-0o377");
          return { codePoint, escaped: true };
        }
        return { codePoint: this.characterEscape(c, true), escaped: true };
    }
  }
}

/** One member of a character set: a single character or a predefined class (`\d`, `\W`, …). */
type ClassItem = { codePoint: number; escaped?: boolean } | { set: string };

function literalOutsideClass(ch: string): string {
  if (SYNTAX_OUTSIDE.has(ch)) return `\\${ch}`;
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || cp === 0x7f) return `\\u{${cp.toString(16)}}`;
  return ch;
}

function literalInClass(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (SYNTAX_IN_CLASS.has(ch)) return `\\${ch}`;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) return `\\u{${cp.toString(16)}}`;
  return ch;
}
