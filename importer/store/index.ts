/** Storing imported statement files in PostgreSQL. */
export { collectFiles } from './collect-files';
export { ImportInputError, MissingPropertyError, NoStatementDataError } from './errors';
export { importFile, importFiles } from './import-files';
export type { DocumentImportResult, DocumentImportStatus, FileImportResult, FileImportStatus, ImportOptions, ImportReport } from './import-types';
export { describeFile, describeReport, runImport } from './run-import';
export { keepSourceFile, sha256Hex, sourceFilePath } from './source-store';
