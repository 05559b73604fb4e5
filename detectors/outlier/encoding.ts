/**
 * Lossless JSON encoding of fitted detector state. Typed arrays become
 * `{ "$f64": base64 }` or `{ "$i32": base64 }` holding their bytes in
 * little-endian order, so a decoded array is bit-identical to the encoded one
 * on any platform. Plain numbers, strings, booleans, arrays and objects pass
 * through unchanged; numbers must be finite because JSON cannot hold NaN.
 */
import { ModelFormatError } from './errors';

export type StateValue =
  | number
  | string
  | boolean
  | null
  | Float64Array
  | Int32Array
  | readonly StateValue[]
  | { readonly [key: string]: StateValue };

export type EncodedValue = number | string | boolean | null | EncodedValue[] | { [key: string]: EncodedValue };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) {
  LOOKUP[ALPHABET.charCodeAt(i)] = i;
}

/** Encodes bytes as standard base64 with padding (RFC 4648). */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    out += ALPHABET[b0 >> 2]! + ALPHABET[((b0 & 3) << 4) | (b1 >> 4)]!;
    out += i + 1 < bytes.length ? ALPHABET[((b1 & 15) << 2) | (b2 >> 6)]! : '=';
    out += i + 2 < bytes.length ? ALPHABET[b2 & 63]! : '=';
  }
  return out;
}

/** Decodes standard base64 with padding; rejects any other character. */
export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0) {
    throw new ModelFormatError(`base64 text has length ${text.length}: expected a multiple of 4`);
  }
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let written = 0;
  for (let i = 0; i < text.length; i += 4) {
    let group = 0;
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      let digit = -1;
      if (text[i + j] === '=') {
        digit = 0;
      } else if (code < 128) {
        digit = LOOKUP[code]!;
      }
      if (digit < 0) {
        throw new ModelFormatError(`base64 text has an invalid character at offset ${i + j}`);
      }
      group = (group << 6) | digit;
    }
    for (let shift = 16; shift >= 0 && written < bytes.length; shift -= 8) {
      bytes[written++] = (group >> shift) & 255;
    }
  }
  return bytes;
}

function typedArrayToBase64(array: Float64Array | Int32Array): string {
  const width = array.BYTES_PER_ELEMENT;
  const bytes = new Uint8Array(array.length * width);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < array.length; i++) {
    if (array instanceof Float64Array) {
      view.setFloat64(i * width, array[i]!, true);
    } else {
      view.setInt32(i * width, array[i]!, true);
    }
  }
  return bytesToBase64(bytes);
}

/** Converts a state value into JSON-safe data. */
export function encodeState(value: StateValue, path = 'state'): EncodedValue {
  if (value instanceof Float64Array) {
    return { $f64: typedArrayToBase64(value) };
  }
  if (value instanceof Int32Array) {
    return { $i32: typedArrayToBase64(value) };
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new ModelFormatError(`${path} is ${value}: JSON cannot hold non-finite numbers, store it in a Float64Array`);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    return (value as readonly StateValue[]).map((item, i) => encodeState(item, `${path}[${i}]`));
  }
  const out: Record<string, EncodedValue> = {};
  for (const [key, item] of Object.entries(value as Record<string, StateValue>)) {
    out[key] = encodeState(item, `${path}.${key}`);
  }
  return out;
}

/** Reverses encodeState. */
export function decodeState(value: unknown, path = 'state'): StateValue {
  if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => decodeState(item, `${path}[${i}]`));
  }
  if (typeof value !== 'object') {
    throw new ModelFormatError(`${path} has type ${typeof value}: expected JSON data`);
  }
  const record = value as Record<string, unknown>;
  if (typeof record.$f64 === 'string') {
    const bytes = base64ToBytes(record.$f64);
    return decodeFloat64(bytes, path);
  }
  if (typeof record.$i32 === 'string') {
    return decodeInt32(base64ToBytes(record.$i32), path);
  }
  const out: Record<string, StateValue> = {};
  for (const [key, item] of Object.entries(record)) {
    out[key] = decodeState(item, `${path}.${key}`);
  }
  return out;
}

function decodeFloat64(bytes: Uint8Array, path: string): Float64Array {
  if (bytes.length % 8 !== 0) {
    throw new ModelFormatError(`${path} contains ${bytes.length} bytes: expected a multiple of 8 for float64 values`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) {
    out[i] = view.getFloat64(i * 8, true);
  }
  return out;
}

function decodeInt32(bytes: Uint8Array, path: string): Int32Array {
  if (bytes.length % 4 !== 0) {
    throw new ModelFormatError(`${path} contains ${bytes.length} bytes: expected a multiple of 4 for int32 values`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) {
    out[i] = view.getInt32(i * 4, true);
  }
  return out;
}
