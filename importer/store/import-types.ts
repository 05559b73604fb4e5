/**
 * Inputs and results of importing statement files into the database.
 */
import type { DocumentType, PropertyGroup } from '../../domain/statements';

export interface ImportOptions {
  /** Property code for every document of every file. Default: the code the file carries; a file with none fails. */
  propertyCode?: string;
  /** Property name used when a property is created or renamed. Default: the name the file carries, else the code. */
  propertyName?: string;
  /** Property group set on the property. Default: the group the file carries, else none. */
  propertyGroup?: PropertyGroup;
  /** Statement type. Default: read from the file (title line, layout). */
  documentType?: DocumentType;
  /** Folder of the content-addressed source store; each file is kept as `<storeDir>/<sha256[0:2]>/<sha256>`. Required. */
  storeDir: string;
  /** Called once the inputs are expanded, before the first file is read. */
  onStart?(files: string[]): void;
  /** Called after each file, in input order. */
  onFile?(result: FileImportResult): void;
}

export type FileImportStatus = 'imported' | 'unchanged' | 'replaced' | 'failed';
export type DocumentImportStatus = 'imported' | 'unchanged' | 'replaced' | 'failed';

export interface DocumentImportResult {
  documentId: number;
  documentType: DocumentType;
  /** Null for a failed file whose property is not known. */
  propertyCode: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  lineCount: number;
  status: DocumentImportStatus;
}

export interface FileImportResult {
  file: string;
  status: FileImportStatus;
  /** Stored documents; for a failed file, the one failed `document_uploads` row. */
  documents: DocumentImportResult[];
  /** SHA-256 of the file's bytes; null when the file could not be read. */
  sha256: string | null;
  /** The failure message, naming the file and the reason; set only when `status` is `failed`. */
  error?: string;
  /** Facts a user should see about a successful import, such as rows of a summary file that gave no document. */
  notes: string[];
}

export interface ImportReport {
  files: FileImportResult[];
  counts: Record<FileImportStatus, number>;
  documentCount: number;
  lineCount: number;
  durationMs: number;
}
