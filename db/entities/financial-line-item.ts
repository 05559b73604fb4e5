import { defineEntity, p } from '@mikro-orm/core';

import { LINE_KINDS, type LineKind } from '../../domain/statements';
import { DocumentUpload } from './document-upload';

export const FinancialLineItem = defineEntity({
  name: 'FinancialLineItem',
  tableName: 'financial_line_items',
  properties: {
    id: p.integer().primary().autoincrement(),
    documentUpload: () => p.manyToOne(DocumentUpload).deleteRule('cascade').index('financial_line_items_document_upload_id_index'),
    /** Order of the line on its statement, from 1. */
    lineNumber: p.integer().default(0),
    accountCode: p.string().length(50).nullable(),
    accountName: p.string().length(255),
    /** Exact decimal text; null for header lines. */
    amount: p.decimal().precision(15).scale(2).nullable(),
    lineKind: p.enum(LINE_KINDS as unknown as LineKind[]).columnType('varchar(20)'),
    section: p.string().length(50).nullable(),
    /** Fields a line carries beyond its amount (rent roll area and lease dates, year-to-date amounts). */
    attributes: p.json<Record<string, unknown>>().nullable(),
  },
});
