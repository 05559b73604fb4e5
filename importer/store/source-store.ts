/**
 * The content-addressed store of imported source files, so that a later job
 * can re-read a document from the exact bytes it came from.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Returns where the store keeps the file with this SHA-256: `<storeDir>/<sha256[0:2]>/<sha256>`. */
export function sourceFilePath(storeDir: string, sha256: string): string {
  return path.join(storeDir, sha256.slice(0, 2), sha256);
}

/**
 * Writes the bytes into the store unless a file with the same hash is already
 * there. The write goes to a temporary name first and is renamed, so a reader
 * never sees a half-written file.
 */
export async function keepSourceFile(storeDir: string, sha256: string, bytes: Uint8Array): Promise<string> {
  const target = sourceFilePath(storeDir, sha256);
  const existing = await fs.stat(target).catch(() => null);
  if (existing?.size === bytes.byteLength) {
    return target;
  }

  await fs.mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temporary, bytes);
  await fs.rename(temporary, target);
  return target;
}
