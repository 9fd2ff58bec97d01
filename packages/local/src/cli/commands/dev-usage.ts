// Usage line of `durable dev`, apart from the command so help can show it without loading the service.
export const DEV_USAGE =
  "durable dev <module...> [--port N] [--host H] [--db FILE|:memory:] [--virtual-time] [--export NAME] [--timeout SECONDS] [--quiet]";
