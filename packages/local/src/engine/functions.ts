import type { FunctionDefinition } from "../invoker/invoker.js";
import { invalidParameter, notFound } from "../errors.js";
import { functionArn } from "../ids.js";

interface RegisteredFunction {
  latest: FunctionDefinition;
  versions: Map<string, FunctionDefinition>;
}

/**
 * Registered functions and their versions: `$LATEST` follows re-registration; `publishVersion` snapshots the
 * current definition as the next number ("1", "2", …).
 *
 * @example
 * ```ts
 * registry.register({ name: "echo", handler: async (e) => e, durable: false });
 * registry.resolve("echo", "$LATEST");
 * ```
 */
export class FunctionRegistry {
  private readonly functions = new Map<string, RegisteredFunction>();

  register(def: FunctionDefinition): void {
    if (!/^[a-zA-Z0-9_-]{1,140}$/.test(def.name)) {
      throw invalidParameter(
        `Function name must match [a-zA-Z0-9_-]{1,140}, got ${JSON.stringify(def.name)}`,
      );
    }
    if ((def.module === undefined) === (def.handler === undefined)) {
      throw invalidParameter(`Function ${def.name} needs exactly one of "module" or "handler"`);
    }
    const existing = this.functions.get(def.name);
    if (existing) existing.latest = def;
    else this.functions.set(def.name, { latest: def, versions: new Map() });
  }

  publishVersion(name: string): string {
    const fn = this.functions.get(name);
    if (!fn) throw notFound(`Function not found: ${functionArn(name)}`);
    const version = String(fn.versions.size + 1);
    fn.versions.set(version, { ...fn.latest });
    return version;
  }

  /** Names of all registered functions. */
  names(): string[] {
    return [...this.functions.keys()];
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  /** The definition behind `name:qualifier` (qualifier absent = $LATEST); ResourceNotFound when unknown. */
  resolve(name: string, qualifier: string | undefined): { def: FunctionDefinition; version: string } {
    const fn = this.functions.get(name);
    if (!fn) throw notFound(`Function not found: ${functionArn(name)}`);
    if (qualifier === undefined || qualifier === "$LATEST") return { def: fn.latest, version: "$LATEST" };
    const def = fn.versions.get(qualifier);
    if (!def) throw notFound(`Function not found: ${functionArn(name, qualifier)}`);
    return { def, version: qualifier };
  }
}
