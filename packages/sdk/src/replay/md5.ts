// A small allocation-free MD5 (RFC 1321) for the short ASCII raw ids that name operations. node:crypto's
// createHash allocates a Hash object, a Buffer and a hex string per call, which dominated replay profiles; ids
// are hashed once or twice per operation, so this runs on every operation of every replay.
import { createHash } from "node:crypto";

// Per step i: the sine-derived constant K[i] = floor(|sin(i + 1)| · 2^32), the rotation, and the message word.
const K = new Int32Array(64);
const SHIFT = new Uint8Array(64);
const WORD = new Uint8Array(64);
const ROUND_SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
for (let i = 0; i < 64; i++) {
  K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0;
  SHIFT[i] = ROUND_SHIFTS[((i >> 4) << 2) | (i & 3)] as number;
  WORD[i] = i < 16 ? i : i < 32 ? (5 * i + 1) & 15 : i < 48 ? (3 * i + 5) & 15 : (7 * i) & 15;
}

// One 64-byte block as 16 little-endian words, reused by every call (the hash is synchronous).
const block = new Int32Array(16);
/** Character codes of the hex digits 0-9a-f. */
const HEX = Uint8Array.from("0123456789abcdef", (digit) => digit.charCodeAt(0));

/**
 * The first 16 hex characters of MD5(`text`), as `createHash("md5").update(text).digest("hex").slice(0, 16)`.
 * Strings with a character above U+007F go through node:crypto (their UTF-8 encoding is multi-byte).
 *
 * @example
 * md5Hex16("1"); // "c4ca4238a0b92382"
 */
export function md5Hex16(text: string): string {
  const length = text.length;
  for (let i = 0; i < length; i++) {
    if (text.charCodeAt(i) > 0x7f) return createHash("md5").update(text).digest("hex").slice(0, 16);
  }
  let a0 = 0x67452301;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476;
  // Message + 0x80 + zero padding + 8-byte bit length, in whole 64-byte blocks.
  const blocks = ((length + 8) >>> 6) + 1;
  for (let n = 0; n < blocks; n++) {
    block.fill(0);
    const base = n * 64;
    const end = Math.min(64, length - base);
    let j = 0;
    for (; j < end; j++) block[j >> 2]! |= text.charCodeAt(base + j) << ((j & 3) * 8);
    if (j < 64 && base + j === length) block[j >> 2]! |= 0x80 << ((j & 3) * 8);
    if (n === blocks - 1) {
      block[14] = length * 8;
      block[15] = Math.floor((length * 8) / 2 ** 32);
    }
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    // The four rounds differ only in their mixing function; one loop each keeps the body branch-free.
    let t: number;
    for (let i = 0; i < 16; i++) {
      t = (a + ((b & c) | (~b & d)) + K[i]! + block[i]!) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + rotateLeft(t, SHIFT[i]!)) | 0;
    }
    for (let i = 16; i < 32; i++) {
      t = (a + ((d & b) | (~d & c)) + K[i]! + block[WORD[i]!]!) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + rotateLeft(t, SHIFT[i]!)) | 0;
    }
    for (let i = 32; i < 48; i++) {
      t = (a + (b ^ c ^ d) + K[i]! + block[WORD[i]!]!) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + rotateLeft(t, SHIFT[i]!)) | 0;
    }
    for (let i = 48; i < 64; i++) {
      t = (a + (c ^ (b | ~d)) + K[i]! + block[WORD[i]!]!) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + rotateLeft(t, SHIFT[i]!)) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  // One flat string (concatenating pieces would make a cons string that every Map lookup first flattens).
  return String.fromCharCode(
    HEX[(a0 >>> 4) & 15]!,
    HEX[a0 & 15]!,
    HEX[(a0 >>> 12) & 15]!,
    HEX[(a0 >>> 8) & 15]!,
    HEX[(a0 >>> 20) & 15]!,
    HEX[(a0 >>> 16) & 15]!,
    HEX[(a0 >>> 28) & 15]!,
    HEX[(a0 >>> 24) & 15]!,
    HEX[(b0 >>> 4) & 15]!,
    HEX[b0 & 15]!,
    HEX[(b0 >>> 12) & 15]!,
    HEX[(b0 >>> 8) & 15]!,
    HEX[(b0 >>> 20) & 15]!,
    HEX[(b0 >>> 16) & 15]!,
    HEX[(b0 >>> 28) & 15]!,
    HEX[(b0 >>> 24) & 15]!,
  );
}

function rotateLeft(x: number, shift: number): number {
  return (x << shift) | (x >>> (32 - shift));
}
