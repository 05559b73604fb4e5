/**
 * Imports statement files into the database:
 *
 *   npm run import -- <files or folders…> [--property CODE] [--property-name NAME]
 *                     [--group GROUP] [--type TYPE]
 *
 * Prints one line per file and a summary; exits 1 when any file failed.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { Presets, SingleBar } from 'cli-progress';

import { loadConfig } from '../config/env';
import { openOrm } from '../db/orm';
import { DOCUMENT_TYPES, PROPERTY_GROUPS } from '../domain/statements';
import { runImport, type ImportOptions } from '../importer/store';
import { resolveEndpoints } from '../stack/endpoints';

/** More files than this draw a progress bar on stderr. */
const PROGRESS_BAR_MIN_FILES = 5;

export const IMPORT_USAGE = `Usage: npm run import -- <files or folders…> [options]

Reads statement PDFs, T-12 and balance sheet CSV/XLSX files, rent rolls and
portfolio summary files into the database. Folders are read recursively;
README files and hidden files are skipped. Re-importing an unchanged file changes
nothing; a changed file replaces the lines of its documents in place.

Options:
  --property CODE        property code for every document (default: the code the file carries)
  --property-name NAME   property name to set (default: the name the file carries, else the code)
  --group GROUP          property group: ${PROPERTY_GROUPS.join(', ')}
  --type TYPE            statement type: ${DOCUMENT_TYPES.join(', ')} (default: read from the file)
  --help                 print this help`;

const OPTIONS = {
  property: { type: 'string' },
  'property-name': { type: 'string' },
  group: { type: 'string' },
  type: { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** A command-line argument that is missing or invalid; the message names the flag and the value. */
export class ImportArgumentError extends Error {
  override readonly name = 'ImportArgumentError';
}

export type ImportCommand = { help: true } | { help: false; inputs: string[]; options: Omit<ImportOptions, 'storeDir'> };

/** Parses and validates the arguments of the `import` command. */
export function parseImportArguments(argv: string[]): ImportCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ImportArgumentError(`${(error as Error).message}. Run with --help for the options`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };

  if (positionals.length === 0) {
    throw new ImportArgumentError('no files or folders given. Name at least one, e.g. npm run import -- statements/');
  }
  const options: Omit<ImportOptions, 'storeDir'> = {};
  if (values.property !== undefined) options.propertyCode = nonEmpty('--property', values.property, 50);
  if (values['property-name'] !== undefined) options.propertyName = nonEmpty('--property-name', values['property-name'], 255);
  if (values.group !== undefined) options.propertyGroup = oneOf('--group', values.group, PROPERTY_GROUPS);
  if (values.type !== undefined) options.documentType = oneOf('--type', values.type, DOCUMENT_TYPES);
  return { help: false, inputs: positionals, options };
}

function nonEmpty(flag: string, value: string, maxLength: number): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > maxLength) {
    throw new ImportArgumentError(`${flag} ${JSON.stringify(value)} is invalid: expected 1 to ${maxLength} characters`);
  }
  return trimmed;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ImportArgumentError(`${flag} ${JSON.stringify(value)} is invalid: expected one of ${allowed.join(', ')}`);
  }
  return value as T;
}

async function main(): Promise<number> {
  const command = parseImportArguments(process.argv.slice(2));
  if (command.help) {
    console.log(IMPORT_USAGE);
    return 0;
  }

  const config = loadConfig();
  const orm = await openOrm({ databaseUrl: resolveEndpoints(config).databaseUrl, poolSize: 4 });
  const bar = new SingleBar({ format: 'importing [{bar}] {value}/{total} files', stream: process.stderr, clearOnComplete: true }, Presets.shades_classic);
  let barStarted = false;
  try {
    const report = await runImport(
      orm,
      command.inputs,
      {
        ...command.options,
        storeDir: path.join(config.dataDir, 'source-files'),
        onStart: (files) => {
          barStarted = files.length > PROGRESS_BAR_MIN_FILES;
          if (barStarted) bar.start(files.length, 0);
        },
        onFile: () => {
          if (barStarted) bar.increment();
        },
      },
      (line) => console.log(line),
    );
    return report.counts.failed > 0 ? 1 : 0;
  } finally {
    if (barStarted) bar.stop();
    await orm.close(true);
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`import failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
