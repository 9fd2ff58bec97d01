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
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

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
    for (let i = 0; i < 64; i++) {
      const f = i < 16 ? (b & c) | (~b & d) : i < 32 ? (d & b) | (~d & c) : i < 48 ? b ^ c ^ d : c ^ (b | ~d);
      const sum = (a + f + K[i]! + block[WORD[i]!]!) | 0;
      const shift = SHIFT[i]!;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  return wordHex(a0) + wordHex(b0);
}

/** A 32-bit word as 8 hex characters in little-endian byte order (MD5's digest byte order). */
function wordHex(word: number): string {
  return (
    BYTE_HEX[word & 0xff]! +
    BYTE_HEX[(word >>> 8) & 0xff]! +
    BYTE_HEX[(word >>> 16) & 0xff]! +
    BYTE_HEX[word >>> 24]!
  );
}
