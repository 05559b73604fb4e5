import { defineEntity, p } from '@mikro-orm/core';

import { DocumentUpload } from './document-upload';

/**
 * Where a stored value sits on its source PDF page: x0/y0/x1/y1 in PDF points
 * with the origin at the page's top-left corner (y grows downwards).
 */
export const PdfFieldCoordinate = defineEntity({
  name: 'PdfFieldCoordinate',
  tableName: 'pdf_field_coordinates',
  properties: {
    id: p.integer().primary().autoincrement(),
    documentUpload: () => p.manyToOne(DocumentUpload).deleteRule('cascade').index('pdf_field_coordinates_document_upload_id_index'),
    tableName: p.string().length(50).nullable(),
    recordId: p.integer().nullable(),
    fieldName: p.string().length(100).nullable(),
    columnType: p.string().length(20).nullable(),
    pageNumber: p.integer().nullable().index('pdf_field_coordinates_page_number_index'),
    x0: p.decimal().precision(10).scale(4).nullable(),
    y0: p.decimal().precision(10).scale(4).nullable(),
    x1: p.decimal().precision(10).scale(4).nullable(),
    y1: p.decimal().precision(10).scale(4).nullable(),
    extractionMethod: p.string().length(50).nullable(),
    confidence: p.decimal().precision(5).scale(4).nullable(),
    matchedText: p.string().length(500).nullable(),
    createdAt: p.datetime().columnType('timestamptz').nullable().defaultRaw('now()').onCreate(() => new Date()),
    updatedAt: p.datetime().columnType('timestamptz').nullable().defaultRaw('now()').onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [
    { name: 'pdf_field_coordinates_table_name_field_name_index', properties: ['tableName', 'fieldName'] },
    { name: 'pdf_field_coordinates_table_name_record_id_index', properties: ['tableName', 'recordId'] },
  ],
});
