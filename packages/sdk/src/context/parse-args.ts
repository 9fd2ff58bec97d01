// The one place that parses the `(name?, ...rest)` overloads shared by every DurableContext method.

/**
 * Split optional leading name from the rest: a string or `undefined` first argument followed by more arguments
 * is the name; otherwise there is no name.
 *
 * @example
 * splitName(["charge", fn]);   // { name: "charge", rest: [fn] }
 * splitName([fn, config]);     // { name: undefined, rest: [fn, config] }
 * splitName([undefined, fn]);  // { name: undefined, rest: [fn] }
 */
export function splitName(args: readonly unknown[]): { name: string | undefined; rest: unknown[] } {
  if (hasLeadingName(args)) return { name: args[0] as string | undefined, rest: args.slice(1) };
  return { name: undefined, rest: args.slice() };
}

/**
 * Whether `args` start with the optional name ({@link splitName}'s rule), for hot paths that index the
 * arguments instead of copying them.
 *
 * @example
 * hasLeadingName(["charge", fn]); // true
 * hasLeadingName([fn]);           // false
 */
export function hasLeadingName(args: readonly unknown[]): boolean {
  const first = args[0];
  return typeof first === "string" || (first === undefined && args.length > 1);
}
