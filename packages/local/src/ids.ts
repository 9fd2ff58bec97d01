import { randomBytes, randomUUID } from "node:crypto";

/** Identifier minting and ARN formats (SERVICE.md §4). */

export const ACCOUNT_ID = "123456789012";
export const REGION = "us-east-1";

/** An opaque base64 token (checkpoint tokens, callback ids): 144 random bits, unguessable. */
export const randomToken = (): string => randomBytes(18).toString("base64");

/** A 32-character `[a-f0-9]` identifier for execution ids and EXECUTION operation ids. */
export const randomHexId = (): string => randomUUID().replaceAll("-", "");

export const functionArn = (functionName: string, version?: string): string =>
  `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${functionName}${version === undefined ? "" : `:${version}`}`;

export const executionArn = (functionName: string, version: string, name: string, id: string): string =>
  `${functionArn(functionName, version)}/durable-execution/${name}/${id}`;

export const EXECUTION_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Splits a function identifier — a name, `name:qualifier`, a partial ARN `123456789012:function:name[:q]` or a full
 * ARN — into name and optional qualifier. Returns undefined when the text is not a function identifier.
 */
export function parseFunctionIdentifier(text: string): { name: string; qualifier?: string } | undefined {
  const parts = text.split(":");
  let rest: string[];
  if (parts[0] === "arn") {
    if (parts.length < 7 || parts[2] !== "lambda" || parts[5] !== "function") return undefined;
    rest = parts.slice(6);
  } else if (parts.length >= 3 && parts[1] === "function") {
    rest = parts.slice(2);
  } else {
    rest = parts;
  }
  const [name, qualifier, ...extra] = rest;
  if (name === undefined || !/^[a-zA-Z0-9_-]{1,140}$/.test(name) || extra.length > 0) return undefined;
  if (qualifier !== undefined && !/^(\$LATEST|[a-zA-Z0-9_-]{1,128})$/.test(qualifier)) return undefined;
  return qualifier === undefined ? { name } : { name, qualifier };
}
