/**
 * Plain-text tables for terminal output: left-aligned columns sized to their widest cell, two spaces apart.
 *
 * @example
 * ```ts
 * renderTable(["ID", "STATUS"], [["1", "RUNNING"]]);
 * // "ID  STATUS\n1   RUNNING\n"
 * ```
 */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    rows.reduce((widest, row) => Math.max(widest, (row[column] ?? "").length), header.length),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)].map((text) => `${text}\n`).join("");
}

/** Shortens `text` to at most `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
