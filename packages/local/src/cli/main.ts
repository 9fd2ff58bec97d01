// Process entry of the `durable` binary (bin/durable.mjs runs this file, or its built counterpart).
import { runCli } from "./index.js";

// The AWS client warns on every run under Node < 22; the CLI's output must stay one clear line per error.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.exitCode = await runCli(process.argv.slice(2));
