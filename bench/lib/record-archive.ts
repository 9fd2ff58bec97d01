// The bench double's finished operation records, kept outside the JS heap.
//
// The real service keeps its records in another process. A double that kept one heap object per finished operation
// made the SDK's process copy those objects in every young-generation GC of a long execution (records ~180 B a step,
// each copied up to twice before promotion), which grew the measured cost per step with N although no SDK owned them.
// Here a finished record is encoded into one growing byte buffer, whose storage V8 never scans or copies; the
// double decodes it again only to build the next invocation's envelope.

/** An operation record's fields as the double keeps them. */
export interface OperationFields {
  Id: string;
  Type: string;
  SubType: string | undefined;
  Name: string | undefined;
  ParentId: string | undefined;
  Status: string;
  StartTimestamp: Date;
  EndTimestamp: Date | undefined;
  Result: string | undefined;
  ReplayChildren: boolean | undefined;
}

const TYPES = ["EXECUTION", "STEP", "WAIT", "CALLBACK", "CHAINED_INVOKE", "CONTEXT"];
const STATUSES = ["STARTED", "SUCCEEDED", "FAILED", "READY", "PENDING", "CANCELLED", "TIMED_OUT", "STOPPED"];

const code = (table: readonly string[], value: string, what: string): number => {
  const index = table.indexOf(value);
  if (index < 0) throw new Error(`the bench double cannot archive ${what} ${value}`);
  return index;
};

/** The text fields of a record, in the order they are stored. */
const TEXT_FIELDS = ["Id", "SubType", "Name", "ParentId", "Result"] as const;
const ABSENT = 0xffffffff;

/**
 * Append-only store of finished records: `add` returns the record's row, `read` decodes it. Fixed-size fields sit in
 * typed-array columns; text fields are UTF-8 in one byte buffer, located by their end offsets.
 *
 * @example
 * const archive = new RecordArchive();
 * const row = archive.add(record);
 * archive.read(row).Status; // "SUCCEEDED"
 */
export class RecordArchive {
  private rows = 0;
  private codes = new Uint8Array(3 * 32); // type, status, ReplayChildren (0 absent, 1 false, 2 true)
  private times = new Float64Array(2 * 32); // start, end (NaN absent)
  private textEnds = new Uint32Array(TEXT_FIELDS.length * 32); // ABSENT for an absent field
  private text = new Uint8Array(1024);
  private textLength = 0;

  add(record: OperationFields): number {
    const row = this.rows++;
    if (row * 3 === this.codes.length) this.growRows();
    this.codes[row * 3] = code(TYPES, record.Type, "operation type");
    this.codes[row * 3 + 1] = code(STATUSES, record.Status, "status");
    this.codes[row * 3 + 2] = record.ReplayChildren === undefined ? 0 : record.ReplayChildren ? 2 : 1;
    this.times[row * 2] = record.StartTimestamp.getTime();
    this.times[row * 2 + 1] = record.EndTimestamp?.getTime() ?? NaN;
    const ends = row * TEXT_FIELDS.length;
    this.textEnds[ends] = this.writeText(record.Id);
    this.textEnds[ends + 1] = this.writeText(record.SubType);
    this.textEnds[ends + 2] = this.writeText(record.Name);
    this.textEnds[ends + 3] = this.writeText(record.ParentId);
    this.textEnds[ends + 4] = this.writeText(record.Result);
    return row;
  }

  read(row: number): OperationFields {
    const replayChildren = this.codes[row * 3 + 2];
    const end = this.times[row * 2 + 1]!;
    const texts: (string | undefined)[] = [];
    let start = row === 0 ? 0 : this.lastEndBefore(row);
    for (let field = 0; field < TEXT_FIELDS.length; field++) {
      const fieldEnd = this.textEnds[row * TEXT_FIELDS.length + field]!;
      if (fieldEnd === ABSENT) {
        texts.push(undefined);
        continue;
      }
      texts.push(
        Buffer.from(this.text.buffer, this.text.byteOffset + start, fieldEnd - start).toString("utf8"),
      );
      start = fieldEnd;
    }
    return {
      Id: texts[0]!,
      SubType: texts[1],
      Name: texts[2],
      ParentId: texts[3],
      Result: texts[4],
      Type: TYPES[this.codes[row * 3]!]!,
      Status: STATUSES[this.codes[row * 3 + 1]!]!,
      ReplayChildren: replayChildren === 0 ? undefined : replayChildren === 2,
      StartTimestamp: new Date(this.times[row * 2]!),
      EndTimestamp: Number.isNaN(end) ? undefined : new Date(end),
    };
  }

  /** Where the text of `row` starts: the end of the last present text field of an earlier row. */
  private lastEndBefore(row: number): number {
    for (let i = row * TEXT_FIELDS.length - 1; i >= 0; i--)
      if (this.textEnds[i] !== ABSENT) return this.textEnds[i]!;
    return 0;
  }

  /**
   * Appends UTF-8 text and returns its end offset (ABSENT for undefined); ASCII, the common case, is copied without
   * a native call.
   */
  private writeText(value: string | undefined): number {
    if (value === undefined) return ABSENT;
    if (this.textLength + value.length * 3 > this.text.length) this.growText(value.length * 3);
    const bytes = this.text;
    const start = this.textLength;
    let i = 0;
    for (; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) break;
      bytes[start + i] = c;
    }
    const length =
      i === value.length
        ? i
        : i + Buffer.from(bytes.buffer, bytes.byteOffset).write(value.slice(i), start + i, "utf8");
    this.textLength = start + length;
    return this.textLength;
  }

  private growRows(): void {
    this.codes = grown(this.codes, this.codes.length * 2);
    this.times = grown(this.times, this.times.length * 2);
    this.textEnds = grown(this.textEnds, this.textEnds.length * 2);
  }

  private growText(needed: number): void {
    let size = this.text.length * 2;
    while (size < this.textLength + needed) size *= 2;
    this.text = grown(this.text, size);
  }
}

function grown<A extends Uint8Array | Uint32Array | Float64Array>(from: A, length: number): A {
  const to = new (from.constructor as new (length: number) => A)(length);
  to.set(from);
  return to;
}
