/**
 * Runs an import and prints what it did: one line per file and a summary.
 * Shared by the `import` command and the demo.
 */
import path from 'node:path';

import type { MikroORM } from '../../db/orm';
import { importFiles } from './import-files';
import type { DocumentImportResult, FileImportResult, ImportOptions, ImportReport } from './import-types';

/** Files with more documents than this get one summary line instead of a line per document. */
const LISTED_DOCUMENTS = 3;

/** Imports the inputs, calling `print` with one line per file and the summary; returns the report. */
export async function runImport(orm: MikroORM, inputs: string[], options: ImportOptions, print: (line: string) => void): Promise<ImportReport> {
  const report = await importFiles(orm, inputs, {
    ...options,
    onFile: (result) => {
      for (const line of describeFile(result)) print(line);
      options.onFile?.(result);
    },
  });
  print(describeReport(report));
  return report;
}

/** Returns the lines that describe one file's result. */
export function describeFile(result: FileImportResult): string[] {
  const name = displayName(result.file);
  if (result.status === 'failed') {
    // Failure messages usually start with the file path already; it is printed once.
    const reason = (result.error ?? 'unknown error').replace(`${result.file}: `, '');
    return [`failed     ${name}: ${reason} (document ${result.documents[0]?.documentId ?? '-'})`];
  }

  const lines = [`${result.status.padEnd(10)} ${name}: ${describeDocuments(result.documents)}`];
  for (const note of result.notes) lines.push(`           note: ${note}`);
  return lines;
}

function describeDocuments(documents: DocumentImportResult[]): string {
  if (documents.length <= LISTED_DOCUMENTS) {
    return documents.map(describeDocument).join('; ');
  }

  const ids = documents.map((document) => document.documentId);
  const types = [...new Set(documents.map((document) => document.documentType))].join(', ');
  const properties = new Set(documents.map((document) => document.propertyCode)).size;
  const starts = documents.map((document) => document.periodStart ?? '').sort();
  const ends = documents.map((document) => document.periodEnd ?? '').sort();
  const lineCount = documents.reduce((sum, document) => sum + document.lineCount, 0);
  const changed = documents.filter((document) => document.status !== 'unchanged').length;
  return (
    `${documents.length} documents (ids ${Math.min(...ids)}–${Math.max(...ids)}, ${changed} new or replaced), ${types}, ` +
    `${properties} properties, ${starts[0]} to ${ends[ends.length - 1]}, ${lineCount} lines`
  );
}

function describeDocument(document: DocumentImportResult): string {
  return `document ${document.documentId} ${document.documentType} ${document.propertyCode ?? '(no property)'} ${document.periodStart} to ${document.periodEnd}, ${document.lineCount} lines`;
}

/** Shows a path relative to the working folder when it lies inside it. */
function displayName(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** Returns the one-line summary of a whole import. */
export function describeReport(report: ImportReport): string {
  const { imported, unchanged, replaced, failed } = report.counts;
  return (
    `${report.files.length} files: ${imported} imported, ${unchanged} unchanged, ${replaced} replaced, ${failed} failed; ` +
    `${report.documentCount} documents, ${report.lineCount} lines in ${(report.durationMs / 1000).toFixed(1)} s`
  );
}
