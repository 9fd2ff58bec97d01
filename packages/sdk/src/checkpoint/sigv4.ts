// SigV4 signing of Lambda API requests with @smithy/signature-v4 (the signer the AWS SDK itself
// uses), fed by node:crypto hashes so no other AWS package is loaded. The built package bundles the
// signer's ES module build (tree-shaken to ~15 KB; its CommonJS build drags all of @smithy/core, ~150 KB
// and ~28 ms of import). This module is reached only through the lazily imported transport, so the
// signer loads with it, in the same import.
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import type { AwsCredentials, AwsCredentialsProvider } from "./lambda-environment.js";

/** Signing name of the Lambda service. */
const SIGNING_SERVICE = "lambda";

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBuffer(data: SourceData): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** SHA-256 (or HMAC-SHA-256 when constructed with a key) in the `Checksum` shape the signer expects. */
class NodeSha256 {
  private state: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.state = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(this.secret));
  }
  update(data: SourceData): void {
    this.state.update(toBuffer(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.state.digest()));
  }
  reset(): void {
    this.state = this.fresh();
  }
}

/** The parts of an HTTP request that enter the signature. `query` holds unencoded values. */
export interface SignableRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number | undefined;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: Uint8Array | undefined;
}

/** Signs a request at `signingDate`, returning the headers to send (inputs plus the SigV4 ones). */
export type RequestSigner = (request: SignableRequest, signingDate: Date) => Promise<Record<string, string>>;

/**
 * Creates a SigV4 signer for the Lambda service in `region`. Adds `x-amz-date`,
 * `x-amz-security-token` (with a session token), `x-amz-content-sha256` and `authorization`, as the
 * AWS SDK does.
 *
 * @example
 * const sign = createLambdaRequestSigner("us-east-1", { accessKeyId: "AKID", secretAccessKey: "secret" });
 * const headers = await sign({ method: "GET", protocol: "https:", hostname, path, query: {}, headers: { host: hostname } }, new Date());
 */
export function createLambdaRequestSigner(
  region: string,
  credentials: AwsCredentials | AwsCredentialsProvider,
): RequestSigner {
  const signer = new SignatureV4({ service: SIGNING_SERVICE, region, credentials, sha256: NodeSha256 });
  return async (request, signingDate) => {
    const signed = await signer.sign({ ...request, headers: { ...request.headers } }, { signingDate });
    return signed.headers;
  };
}
