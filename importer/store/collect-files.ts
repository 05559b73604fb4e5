/**
 * Expands the paths given to an import into the list of files to read.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

import { ImportInputError } from './errors';

/** Folders describe their data in a README (README.md, README.txt); it and hidden files are never statements. */
function isIgnored(name: string): boolean {
  return name.startsWith('.') || /^readme(\.(md|txt))?$/i.test(name);
}

/**
 * Returns the files named by `inputs`, recursing into folders. Files found in
 * a folder come in name order; a file named twice is listed once.
 *
 * @throws ImportInputError when an input does not exist.
 */
export async function collectFiles(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (stat === null) {
      throw new ImportInputError(input, 'no such file or folder');
    }
    if (stat.isDirectory()) {
      files.push(...(await listFolder(input)));
    } else {
      files.push(input);
    }
  }
  return [...new Set(files.map((file) => path.resolve(file)))];
}

async function listFolder(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  entries.sort((left, right) => left.name.localeCompare(right.name));

  const files: string[] = [];
  for (const entry of entries) {
    if (isIgnored(entry.name)) continue;

    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await listFolder(full)));
    } else if (entry.isFile()) {
      files.push(full);
    }
  }
  return files;
}
