/**
 * Splits a worker's output stream into lines and recognises the end-of-invocation markers in it.
 *
 * A marker may follow output that has no trailing newline (`process.stdout.write("abc")`); the text before
 * the marker is still reported as a line of the invocation that wrote it.
 *
 * @example
 * ```ts
 * const splitter = new WorkerLineSplitter("\u0000end:nonce:", (line) => log(line), (seq) => ended(seq));
 * stream.setEncoding("utf8").on("data", (chunk: string) => splitter.push(chunk)).on("end", () => splitter.end());
 * ```
 */
export class WorkerLineSplitter {
  private partial = "";

  constructor(
    private readonly markerPrefix: string,
    private readonly onLine: (line: string) => void,
    private readonly onMarker: (seq: number) => void,
  ) {}

  /** Feeds decoded text; complete lines are reported at once. */
  push(chunk: string): void {
    let start = 0;
    let newline = chunk.indexOf("\n", start);
    if (newline === -1) {
      this.partial += chunk;
      return;
    }
    let line = this.partial + chunk.slice(start, newline);
    this.partial = "";
    while (true) {
      this.emit(line);
      start = newline + 1;
      newline = chunk.indexOf("\n", start);
      if (newline === -1) break;
      line = chunk.slice(start, newline);
    }
    this.partial = chunk.slice(start);
  }

  /** Reports a last line that had no trailing newline. */
  end(): void {
    if (this.partial !== "") this.emit(this.partial);
    this.partial = "";
  }

  private emit(rawLine: string): void {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    const markerAt = line.indexOf(this.markerPrefix);
    if (markerAt === -1) {
      this.onLine(line);
      return;
    }
    if (markerAt > 0) this.onLine(line.slice(0, markerAt));
    const seq = Number(line.slice(markerAt + this.markerPrefix.length));
    if (Number.isSafeInteger(seq)) this.onMarker(seq);
  }
}
