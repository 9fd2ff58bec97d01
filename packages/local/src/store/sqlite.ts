import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { OperationRow } from "../wire.js";
import type { ExecutionRecord, HistoryEvent, Store, TimerRecord } from "./store.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS executions (
  arn TEXT PRIMARY KEY,
  function_name TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  record TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS executions_by_name ON executions(function_name, name);
CREATE INDEX IF NOT EXISTS executions_by_function ON executions(function_name, start_ms);
CREATE INDEX IF NOT EXISTS executions_by_status ON executions(status);
CREATE TABLE IF NOT EXISTS payloads (
  arn TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (arn, kind)
);
CREATE TABLE IF NOT EXISTS operations (
  arn TEXT NOT NULL,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  callback_id TEXT,
  row TEXT NOT NULL,
  PRIMARY KEY (arn, id)
);
CREATE INDEX IF NOT EXISTS operations_by_seq ON operations(arn, seq);
CREATE UNIQUE INDEX IF NOT EXISTS operations_by_callback ON operations(callback_id) WHERE callback_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS events (
  arn TEXT NOT NULL,
  event_id INTEGER NOT NULL,
  event TEXT NOT NULL,
  PRIMARY KEY (arn, event_id)
);
CREATE TABLE IF NOT EXISTS timers (
  key TEXT PRIMARY KEY,
  arn TEXT NOT NULL,
  kind TEXT NOT NULL,
  op_id TEXT NOT NULL,
  due_ms INTEGER NOT NULL
);
`;

/**
 * SQLite persistence (better-sqlite3, WAL, synchronous statements). Every query is parameterised; records are JSON
 * columns next to the indexed fields the queries need.
 *
 * @example
 * ```ts
 * const store = new SqliteStore(".durable/durable.db"); // or ":memory:"
 * ```
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly stmt;

  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    // NORMAL under WAL: a committed transaction survives a process crash (SIGKILL) without an fsync per
    // checkpoint; only an OS crash or power loss can drop the last transactions — fine for a local service.
    this.db.pragma("synchronous = NORMAL");
    const upgrading = hasTable(this.db, "executions") && !hasTable(this.db, "payloads");
    this.db.exec(SCHEMA);
    if (upgrading) movePayloadsOut(this.db);
    const db = this.db;
    this.stmt = {
      putExecution: db.prepare(
        `INSERT INTO executions (arn, function_name, name, status, start_ms, record) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(arn) DO UPDATE SET status = excluded.status, record = excluded.record`,
      ),
      updateExecution: db.prepare(`UPDATE executions SET status = ?, record = ? WHERE arn = ?`),
      putPayload: db.prepare(
        `INSERT INTO payloads (arn, kind, text) VALUES (?, ?, ?)
         ON CONFLICT(arn, kind) DO UPDATE SET text = excluded.text`,
      ),
      addPayload: db.prepare(
        `INSERT INTO payloads (arn, kind, text) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      deletePayload: db.prepare(`DELETE FROM payloads WHERE arn = ? AND kind = ?`),
      getExecution: db.prepare(`${SELECT_RECORD} WHERE e.arn = ?`),
      byName: db.prepare(`${SELECT_RECORD} WHERE e.function_name = ? AND e.name = ?`),
      byFunction: db.prepare(`${SELECT_RECORD} WHERE e.function_name = ? ORDER BY e.start_ms, e.rowid`),
      running: db.prepare(`${SELECT_RECORD} WHERE e.status = 'RUNNING'`),
      deleteExecution: db.prepare(`DELETE FROM executions WHERE arn = ?`),
      deleteOperations: db.prepare(`DELETE FROM operations WHERE arn = ?`),
      deleteEvents: db.prepare(`DELETE FROM events WHERE arn = ?`),
      deletePayloads: db.prepare(`DELETE FROM payloads WHERE arn = ?`),
      putOperation: db.prepare(
        `INSERT INTO operations (arn, id, seq, callback_id, row) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(arn, id) DO UPDATE SET callback_id = excluded.callback_id, row = excluded.row`,
      ),
      listOperations: db.prepare(`SELECT row FROM operations WHERE arn = ? ORDER BY seq`),
      findCallback: db.prepare(`SELECT arn, id FROM operations WHERE callback_id = ?`),
      appendEvent: db.prepare(`INSERT INTO events (arn, event_id, event) VALUES (?, ?, ?)`),
      eventsForward: db.prepare(
        `SELECT event FROM events WHERE arn = ? AND event_id > ? ORDER BY event_id LIMIT ?`,
      ),
      eventsReverse: db.prepare(
        `SELECT event FROM events WHERE arn = ? AND event_id < ? ORDER BY event_id DESC LIMIT ?`,
      ),
      putTimer: db.prepare(
        `INSERT INTO timers (key, arn, kind, op_id, due_ms) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET due_ms = excluded.due_ms`,
      ),
      deleteTimer: db.prepare(`DELETE FROM timers WHERE key = ?`),
      listTimers: db.prepare(`SELECT key, arn, kind, op_id, due_ms FROM timers`),
    };
  }

  transaction<T>(fn: () => T): T {
    // Nested calls join the outer transaction (better-sqlite3 uses savepoints for them).
    return this.db.transaction(fn)();
  }

  putExecution(r: ExecutionRecord): void {
    this.transaction(() => {
      this.stmt.putExecution.run(r.arn, r.functionName, r.name, r.status, r.startMs, progressJson(r));
      this.stmt.putPayload.run(r.arn, "input", r.input);
      if (r.result === undefined) this.stmt.deletePayload.run(r.arn, "result");
      else this.stmt.putPayload.run(r.arn, "result", r.result);
    });
  }

  updateExecution(r: ExecutionRecord): void {
    this.stmt.updateExecution.run(r.status, progressJson(r), r.arn);
    // The result is set once, when the execution closes; later updates leave the stored one alone.
    if (r.result !== undefined) this.stmt.addPayload.run(r.arn, "result", r.result);
  }

  getExecution(arn: string): ExecutionRecord | undefined {
    return parseRecord(this.stmt.getExecution.get(arn));
  }

  findExecutionByName(functionName: string, name: string): ExecutionRecord | undefined {
    return parseRecord(this.stmt.byName.get(functionName, name));
  }

  listExecutionsByFunction(functionName: string): ExecutionRecord[] {
    return this.stmt.byFunction.all(functionName).flatMap((row) => parseRecord(row) ?? []);
  }

  listRunningExecutions(): ExecutionRecord[] {
    return this.stmt.running.all().flatMap((row) => parseRecord(row) ?? []);
  }

  deleteExecution(arn: string): void {
    this.transaction(() => {
      this.stmt.deleteExecution.run(arn);
      this.stmt.deleteOperations.run(arn);
      this.stmt.deleteEvents.run(arn);
      this.stmt.deletePayloads.run(arn);
    });
  }

  putOperation(arn: string, row: OperationRow): void {
    this.stmt.putOperation.run(
      arn,
      row.op.Id,
      row.seq,
      row.op.CallbackDetails?.CallbackId ?? null,
      JSON.stringify(row),
    );
  }

  listOperations(arn: string): OperationRow[] {
    return (this.stmt.listOperations.all(arn) as Array<{ row: string }>).map(
      (r) => JSON.parse(r.row) as OperationRow,
    );
  }

  findCallback(callbackId: string): { arn: string; opId: string } | undefined {
    const row = this.stmt.findCallback.get(callbackId) as { arn: string; id: string } | undefined;
    return row && { arn: row.arn, opId: row.id };
  }

  appendEvent(arn: string, event: HistoryEvent): void {
    this.stmt.appendEvent.run(arn, event.EventId, JSON.stringify(event));
  }

  readEvents(arn: string, query: { afterId?: number; limit: number; reverse: boolean }): HistoryEvent[] {
    const rows = query.reverse
      ? this.stmt.eventsReverse.all(arn, query.afterId ?? Number.MAX_SAFE_INTEGER, query.limit)
      : this.stmt.eventsForward.all(arn, query.afterId ?? 0, query.limit);
    return (rows as Array<{ event: string }>).map((r) => JSON.parse(r.event) as HistoryEvent);
  }

  putTimer(t: TimerRecord): void {
    this.stmt.putTimer.run(t.key, t.arn, t.kind, t.opId, t.dueMs);
  }

  deleteTimer(key: string): void {
    this.stmt.deleteTimer.run(key);
  }

  listTimers(): TimerRecord[] {
    const rows = this.stmt.listTimers.all() as Array<{
      key: string;
      arn: string;
      kind: TimerRecord["kind"];
      op_id: string;
      due_ms: number;
    }>;
    return rows.map((r) => ({ key: r.key, arn: r.arn, kind: r.kind, opId: r.op_id, dueMs: r.due_ms }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** The record without its large immutable payloads, which live in their own columns. */
function progressJson(r: ExecutionRecord): string {
  const { input: _input, result: _result, ...progress } = r;
  return JSON.stringify(progress);
}

function parseRecord(row: unknown): ExecutionRecord | undefined {
  if (row === undefined || row === null) return undefined;
  const { record, input, result } = row as { record: string; input: string | null; result: string | null };
  const parsed = JSON.parse(record) as ExecutionRecord;
  if (input !== null) parsed.input = input;
  if (result !== null) parsed.result = result;
  return parsed;
}

/** The record with its payloads, which live in their own table so progress updates never rewrite them. */
const SELECT_RECORD = `SELECT e.record,
  (SELECT text FROM payloads WHERE arn = e.arn AND kind = 'input') AS input,
  (SELECT text FROM payloads WHERE arn = e.arn AND kind = 'result') AS result
  FROM executions e`;

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

/** Upgrades a database from before the payloads table: moves input and result out of the record JSON once. */
function movePayloadsOut(db: Database.Database): void {
  db.transaction(() => {
    db.exec(`INSERT INTO payloads (arn, kind, text)
      SELECT arn, 'input', json_extract(record, '$.input') FROM executions
      WHERE json_extract(record, '$.input') IS NOT NULL`);
    db.exec(`INSERT INTO payloads (arn, kind, text)
      SELECT arn, 'result', json_extract(record, '$.result') FROM executions
      WHERE json_extract(record, '$.result') IS NOT NULL`);
  })();
}
