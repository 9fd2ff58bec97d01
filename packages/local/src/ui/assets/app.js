// The timeline page: lists a function's executions and draws the selected execution's operations as bars
// on a shared time axis, nested by ParentId, coloured by status; a click on a row shows its events.
// Reads only the service's JSON APIs. Everything user-provided is inserted as text, never as HTML.
import { buildTimeline, formatDuration, operationLabel, toMillis } from "./timeline.js";

const API = "/2025-12-01";
const REFRESH_MS = 2000;

const state = {
  fn: "",
  arn: "",
  selectedOpId: "",
  timeline: undefined,
  refreshTimer: undefined,
};

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key === "style") Object.assign(node.style, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const text = await response.text();
  let body;
  try {
    body = text === "" ? {} : JSON.parse(text);
  } catch {
    body = { message: text };
  }
  if (!response.ok) {
    const type =
      response.headers.get("x-amzn-errortype")?.split(":")[0] ?? body.__type ?? `HTTP ${response.status}`;
    throw new Error(`${type}: ${body.message ?? body.Message ?? text}`);
  }
  return body;
}

function showError(error) {
  const banner = $("error-banner");
  if (error === undefined) {
    banner.hidden = true;
    banner.textContent = "";
  } else {
    banner.hidden = false;
    banner.textContent = String(error.message ?? error);
  }
}

function formatTime(ms) {
  if (ms === undefined) return "";
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

function setHash() {
  const params = new URLSearchParams();
  if (state.fn) params.set("fn", state.fn);
  if (state.arn) params.set("arn", state.arn);
  const hash = params.toString();
  if (location.hash.slice(1) !== hash) history.replaceState(null, "", hash ? `#${hash}` : location.pathname);
}

async function loadFunctions() {
  try {
    const { Functions = [] } = await api("api/functions");
    const list = $("function-names");
    list.replaceChildren(...Functions.map((name) => el("option", { value: name })));
    if (!state.fn && Functions.length > 0) {
      state.fn = Functions[0];
      $("function-input").value = state.fn;
    }
  } catch (error) {
    showError(error);
  }
}

async function loadExecutions() {
  if (!state.fn) return;
  const body = await api(`${API}/functions/${encodeURIComponent(state.fn)}/durable-executions?MaxItems=100`);
  const executions = body.DurableExecutions ?? [];
  const tbody = $("executions-table").querySelector("tbody");
  $("executions-empty").hidden = executions.length > 0;
  $("executions-empty").textContent = executions.length > 0 ? "" : `No executions of ${state.fn} yet.`;
  $("executions-table").hidden = executions.length === 0;
  const now = Date.now();
  tbody.replaceChildren(
    ...executions.map((execution) => {
      const started = toMillis(execution.StartTimestamp);
      const ended = toMillis(execution.EndTimestamp) ?? now;
      return el(
        "tr",
        {
          class: execution.DurableExecutionArn === state.arn ? "selected" : undefined,
          "data-arn": execution.DurableExecutionArn,
          title: execution.DurableExecutionArn,
          onclick: () => selectExecution(execution.DurableExecutionArn),
        },
        el("td", {}, execution.DurableExecutionName),
        el("td", {}, el("span", { class: `badge status-${execution.Status}` }, execution.Status)),
        el("td", { title: formatTime(started) }, formatTime(started).slice(11, 19)),
        el("td", {}, started === undefined ? "" : formatDuration(ended - started)),
      );
    }),
  );
  return executions;
}

async function loadHistory(arn) {
  const events = [];
  let marker;
  do {
    const query = new URLSearchParams({ MaxItems: "1000", IncludeExecutionData: "true" });
    if (marker) query.set("Marker", marker);
    const page = await api(`${API}/durable-executions/${encodeURIComponent(arn)}/history?${query}`);
    events.push(...(page.Events ?? []));
    marker = page.NextMarker;
  } while (marker);
  return events;
}

/** The execution's captured output, or undefined when the server keeps none. */
async function loadLogs(arn) {
  try {
    const { Lines = [] } = await api(`api/logs?arn=${encodeURIComponent(arn)}`);
    return Lines;
  } catch {
    return undefined;
  }
}

function renderLogs(lines) {
  const section = $("logs");
  section.hidden = lines === undefined;
  if (lines === undefined) return;
  $("logs-title").textContent = `Output (${lines.length} line${lines.length === 1 ? "" : "s"})`;
  $("logs-lines").replaceChildren(
    ...lines.map((line) =>
      el(
        "div",
        { class: `log-line ${line.stream}` },
        el("span", { class: "log-time" }, formatTime(line.timeMs).slice(11)),
        el("span", { class: "log-stream" }, line.stream),
        el("span", { class: "log-text" }, line.line),
      ),
    ),
  );
}

async function loadExecution() {
  if (!state.arn) return undefined;
  const arn = state.arn;
  const [execution, events, lines] = await Promise.all([
    api(`${API}/durable-executions/${encodeURIComponent(arn)}`),
    loadHistory(arn),
    loadLogs(arn),
  ]);
  if (arn !== state.arn) return undefined;
  renderExecution(execution, buildTimeline(events, Date.now()));
  renderLogs(lines);
  return execution;
}

function errorText(error) {
  if (!error) return undefined;
  return `${error.ErrorType ?? "Error"}: ${error.ErrorMessage ?? ""}`;
}

function renderExecution(execution, timeline) {
  state.timeline = timeline;
  $("execution-empty").hidden = true;
  $("execution").hidden = false;
  const status = execution.Status ?? "";
  const badge = $("execution-status");
  badge.className = `badge status-${status}`;
  badge.textContent = status;
  $("execution-name").textContent = execution.DurableExecutionName ?? "";
  $("execution-arn").textContent = execution.DurableExecutionArn ?? "";
  const started = toMillis(execution.StartTimestamp);
  const ended = toMillis(execution.EndTimestamp);
  $("execution-duration").textContent =
    started === undefined
      ? ""
      : `${formatDuration((ended ?? Date.now()) - started)}${ended ? "" : " so far"}`;
  const fields = [
    ["Started", formatTime(started)],
    ["Ended", formatTime(ended)],
    ["Input", execution.InputPayload],
    ["Result", execution.Result],
    ["Error", errorText(execution.Error)],
    ["Invocations", String(timeline.invocations.length)],
  ].filter(([, value]) => value !== undefined && value !== "");
  $("execution-fields").replaceChildren(
    ...fields.flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, value)]),
  );
  renderTimeline(timeline);
}

function position(ms, timeline) {
  const span = Math.max(1, timeline.endMs - timeline.startMs);
  return ((ms - timeline.startMs) / span) * 100;
}

function barStyle(startMs, endMs, timeline) {
  const left = Math.min(100, Math.max(0, position(startMs, timeline)));
  const right = Math.min(100, Math.max(left, position(endMs, timeline)));
  return { left: `${left}%`, width: `${Math.max(0.4, right - left)}%` };
}

function renderTimeline(timeline) {
  const rows = [];
  const span = timeline.endMs - timeline.startMs;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) =>
    el(
      "span",
      { class: "tick", style: { left: `${f * 100}%` } },
      f === 0 ? formatTime(timeline.startMs).slice(11) : `+${formatDuration(span * f)}`,
    ),
  );
  rows.push(
    el(
      "div",
      { class: "row axis" },
      el("div", { class: "label muted" }, "Operation"),
      el("div", { class: "track" }, ...ticks),
    ),
  );
  rows.push(
    el(
      "div",
      { class: "row lane", "data-lane": "invocations" },
      el("div", { class: "label muted" }, `Invocations (${timeline.invocations.length})`),
      el(
        "div",
        { class: "track" },
        ...timeline.invocations.map((invocation) =>
          el("div", {
            class: `bar invocation${invocation.error ? " failed" : ""}`,
            style: barStyle(invocation.startMs, invocation.endMs, timeline),
            title: `${invocation.requestId ?? ""} ${formatDuration(invocation.endMs - invocation.startMs)}${invocation.error ? `\n${invocation.error}` : ""}`,
          }),
        ),
      ),
    ),
  );
  const all = timeline.execution ? [timeline.execution, ...timeline.operations] : timeline.operations;
  for (const op of all) {
    const isExecution = op === timeline.execution;
    const key = isExecution ? "__execution__" : op.id;
    const bars = [];
    if (op.scheduledEndMs !== undefined && op.running) {
      bars.push(
        el("div", { class: "bar scheduled", style: barStyle(op.startMs, op.scheduledEndMs, timeline) }),
      );
    }
    bars.push(
      el("div", {
        class: `bar status-${op.status}${op.running ? " running" : ""}`,
        style: barStyle(op.startMs, op.barEndMs, timeline),
        title: `${op.status} ${formatDuration(op.barEndMs - op.startMs)}`,
      }),
    );
    rows.push(
      el(
        "div",
        {
          class: `row op${key === state.selectedOpId ? " selected" : ""}`,
          role: "treeitem",
          "data-op-id": key,
          "data-parent-id": op.parentId,
          "data-depth": String(isExecution ? 0 : op.depth + 1),
          "data-status": op.status,
          onclick: () => selectOperation(key),
        },
        el(
          "div",
          {
            class: "label",
            style: { paddingLeft: `${8 + (isExecution ? 0 : op.depth + 1) * 16}px` },
            title: op.id,
          },
          isExecution ? "Execution" : operationLabel(op),
          el("span", { class: "kind" }, isExecution ? "" : (op.subType ?? op.kind)),
        ),
        el("div", { class: "track" }, ...bars),
      ),
    );
  }
  $("timeline").replaceChildren(...rows);
  renderOperationDetail();
}

function findOperation(key) {
  const timeline = state.timeline;
  if (!timeline) return undefined;
  if (key === "__execution__") return timeline.execution;
  return timeline.operations.find((op) => op.id === key);
}

function renderOperationDetail() {
  const panel = $("operation-detail");
  const op = state.selectedOpId ? findOperation(state.selectedOpId) : undefined;
  if (op === undefined) {
    panel.hidden = true;
    panel.replaceChildren();
    return;
  }
  panel.hidden = false;
  const fields = [
    ["Id", op.id],
    ["Type", op.subType ? `${op.kind} / ${op.subType}` : op.kind],
    ["Parent", op.parentId],
    ["Status", op.status],
    ["Started", formatTime(op.startMs)],
    ["Ended", formatTime(op.endMs)],
    ["Duration", formatDuration((op.endMs ?? op.barEndMs) - op.startMs)],
    ["Attempts", op.kind === "Step" ? String(op.attempts) : undefined],
  ].filter(([, value]) => value !== undefined && value !== "");
  panel.replaceChildren(
    el("h3", {}, op === state.timeline?.execution ? "Execution" : operationLabel(op)),
    el(
      "dl",
      { class: "fields" },
      ...fields.flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, value)]),
    ),
    el("div", { class: "muted" }, `${op.events.length} event(s)`),
    el("pre", { class: "events" }, JSON.stringify(op.events, null, 2)),
  );
}

function selectOperation(key) {
  state.selectedOpId = state.selectedOpId === key ? "" : key;
  for (const row of document.querySelectorAll(".row.op")) {
    row.classList.toggle("selected", row.dataset.opId === state.selectedOpId);
  }
  renderOperationDetail();
}

async function selectExecution(arn) {
  state.arn = arn;
  state.selectedOpId = "";
  setHash();
  for (const row of document.querySelectorAll("#executions-table tbody tr")) {
    row.classList.toggle("selected", row.dataset.arn === arn);
  }
  await refresh();
}

async function refresh() {
  clearTimeout(state.refreshTimer);
  let live = false;
  try {
    const [executions, execution] = await Promise.all([loadExecutions(), loadExecution()]);
    live = (executions ?? []).some((e) => e.Status === "RUNNING") || execution?.Status === "RUNNING";
    showError(undefined);
  } catch (error) {
    showError(error);
  }
  // Poll only while something is running and the user wants live updates.
  if (live && $("auto-refresh").checked) state.refreshTimer = setTimeout(refresh, REFRESH_MS);
}

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  state.fn = params.get("fn") ?? state.fn;
  state.arn = params.get("arn") ?? "";
  if (!state.fn && state.arn) {
    const match = /:function:([^:/]+)/.exec(state.arn);
    if (match) state.fn = match[1];
  }
}

async function start() {
  readHash();
  $("function-input").value = state.fn;
  $("function-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.fn = $("function-input").value.trim();
    state.arn = "";
    state.selectedOpId = "";
    $("execution").hidden = true;
    $("execution-empty").hidden = false;
    setHash();
    void refresh();
  });
  $("auto-refresh").addEventListener("change", () => void refresh());
  // Links and back/forward change only the hash: follow them without a reload.
  window.addEventListener("hashchange", () => {
    readHash();
    $("function-input").value = state.fn;
    state.selectedOpId = "";
    $("execution").hidden = !state.arn;
    $("execution-empty").hidden = Boolean(state.arn);
    void refresh();
  });
  await loadFunctions();
  $("function-input").value = state.fn;
  setHash();
  await refresh();
  document.body.dataset.ready = "true";
}

void start();
