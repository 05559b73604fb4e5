import type { ParsedDocument, ParsedLine } from '../../../domain/statements';
import { PdfStatementError } from '../../../importer/errors';
import { parseStatementPdf } from '../../../importer/pdf/parse-statement-pdf';
import { buildPdf, type PdfText } from './support/build-pdf';
import { readPageItems, readRealDoc, type PageItem } from './support/page-text';

const ACCOUNT_CODE = /^\d{4}-\d{4}$/;
const PRINTED_AMOUNT = /^-?\d{1,3}(,\d{3})*\.\d{2}$/;

function lineByCode(document: ParsedDocument, code: string): ParsedLine {
  const line = document.lines.find((candidate) => candidate.accountCode === code);
  if (!line) throw new Error(`no line ${code}`);
  return line;
}

/** Counts printed rows (page, baseline) that carry at least one amount, from the raw text items. */
function countAmountRows(items: PageItem[]): number {
  const rows = new Set(items.filter((item) => PRINTED_AMOUNT.test(item.text)).map((item) => `${item.pageNumber}:${item.baselineFromTop}`));
  return rows.size;
}

function expectBoxesEncloseText(document: ParsedDocument, items: PageItem[]): void {
  const boxed = document.lines.filter((line) => line.box);
  expect(boxed.length).toBe(document.lines.filter((line) => line.amount !== null).length);
  for (const line of boxed) {
    const box = line.box!;
    const enclosed = items.filter(
      (item) =>
        item.pageNumber === box.pageNumber &&
        item.text === box.matchedText &&
        item.x0 >= box.x0 - 0.01 &&
        item.x1 <= box.x1 + 0.01 &&
        item.baselineFromTop > box.y0 &&
        item.baselineFromTop < box.y1,
    );
    expect({ code: line.accountCode, name: line.accountName, enclosed: enclosed.length }).toEqual({
      code: line.accountCode,
      name: line.accountName,
      enclosed: 1,
    });
  }
}

describe('parseStatementPdf on the Yardi balance sheet', () => {
  const bytes = readRealDoc('yardi-reims2', 'TCSH_2021_Balance_Sheet.pdf');
  let document: ParsedDocument;
  let items: PageItem[];

  beforeAll(async () => {
    document = await parseStatementPdf(bytes);
    items = await readPageItems(bytes);
  });

  test('header gives property, type and period', () => {
    expect(document.documentType).toBe('balance_sheet');
    expect(document.propertyCode).toBe('TCSH');
    expect(document.propertyName).toBe('The Crossings of Spring Hill');
    expect(document.periodStart).toBe('2021-12-01');
    expect(document.periodEnd).toBe('2021-12-31');
  });

  test('every printed account code becomes a line', () => {
    const printedCodes = items.filter((item) => ACCOUNT_CODE.test(item.text)).map((item) => item.text);
    expect(printedCodes).toHaveLength(47);
    expect(document.lines.map((line) => line.accountCode)).toEqual(printedCodes);
  });

  test('every row with an amount has an amount line', () => {
    expect(document.lines.filter((line) => line.amount !== null)).toHaveLength(countAmountRows(items));
  });

  test('total assets equal total liabilities and capital', () => {
    expect(lineByCode(document, '1999-0000').amount).toBe('31597285.29');
    expect(lineByCode(document, '3999-9000').amount).toBe('31597285.29');
    expect(lineByCode(document, '1999-0000').lineKind).toBe('total');
  });

  test('lines carry kind and section', () => {
    expect(lineByCode(document, '0100-0000')).toMatchObject({ lineKind: 'header', amount: null, section: 'assets' });
    expect(lineByCode(document, '0499-9000')).toMatchObject({ lineKind: 'subtotal', section: 'assets' });
    expect(lineByCode(document, '1061-0000')).toMatchObject({ lineKind: 'detail', amount: '-3217453.00' });
    expect(lineByCode(document, '2612-0000')).toMatchObject({ section: 'liabilities' });
    expect(lineByCode(document, '3995-0000')).toMatchObject({ section: 'equity', amount: '199061.63' });
  });

  test('each amount box encloses its printed text', () => {
    expectBoxesEncloseText(document, items);
  });
});

describe('parseStatementPdf on the Yardi income statement', () => {
  const bytes = readRealDoc('yardi-reims2', 'TCSH_2021_Income_Statement.pdf');
  let document: ParsedDocument;
  let items: PageItem[];

  beforeAll(async () => {
    document = await parseStatementPdf(bytes);
    items = await readPageItems(bytes);
  });

  test('header gives a twelve-month period', () => {
    expect(document.documentType).toBe('income_statement');
    expect(document.periodStart).toBe('2021-01-01');
    expect(document.periodEnd).toBe('2021-12-31');
  });

  test('every printed account code becomes a line', () => {
    const printedCodes = items.filter((item) => ACCOUNT_CODE.test(item.text)).map((item) => item.text);
    expect(printedCodes).toHaveLength(79);
    expect(document.lines.filter((line) => line.accountCode !== null).map((line) => line.accountCode)).toEqual(printedCodes);
  });

  test('every row with an amount has an amount line', () => {
    expect(document.lines.filter((line) => line.amount !== null)).toHaveLength(countAmountRows(items));
  });

  test('net income equals balance sheet current earnings', async () => {
    const balanceSheet = await parseStatementPdf(readRealDoc('yardi-reims2', 'TCSH_2021_Balance_Sheet.pdf'));
    expect(lineByCode(document, '9090-0000').amount).toBe('199061.63');
    expect(lineByCode(balanceSheet, '3995-0000').amount).toBe(lineByCode(document, '9090-0000').amount);
  });

  test('year to date goes to attributes', () => {
    expect(lineByCode(document, '4010-0000').attributes).toEqual({ yearToDateAmount: '3391525.82' });
  });

  test('below-NOI, adjustment and cash-flow parts are sectioned', () => {
    expect(lineByCode(document, '6299-0000')).toMatchObject({ lineKind: 'total', section: 'noi', amount: '2809149.81' });
    expect(lineByCode(document, '7010-0000')).toMatchObject({ section: 'below_noi' });
    expect(lineByCode(document, '1330-0000')).toMatchObject({ section: 'adjustments', amount: '-53449.83' });
    const uncoded = document.lines.filter((line) => line.accountCode === null);
    expect(uncoded.map((line) => [line.accountName, line.lineKind, line.section, line.amount])).toEqual([
      ['ADJUSTMENTS', 'header', 'adjustments', null],
      ['TOTAL ADJUSTMENTS', 'total', 'adjustments', '-584047.39'],
      ['CASH FLOW', 'total', 'cash_flow', '-384985.76'],
    ]);
  });

  test('each amount box encloses its printed text', () => {
    expectBoxesEncloseText(document, items);
  });
});

describe('parseStatementPdf on other layouts', () => {
  const header: PdfText[] = [
    { x: 30, y: 760, text: 'Maple Court Apartments (mapl01)' },
    { x: 30, y: 744, text: 'Income Statement', size: 12 },
    { x: 30, y: 730, text: 'Period = Mar 2024' },
    { x: 300, y: 710, text: 'Current Month' },
    { x: 460, y: 710, text: 'YTD' },
  ];
  const row = (y: number, code: string, name: string, current: string, ytd: string): PdfText[] => [
    { x: 30, y, text: code },
    { x: 80, y, text: name },
    { x: 300, y, text: current },
    { x: 455, y, text: ytd },
  ];

  test('parentheses negatives and short labels are read', async () => {
    const bytes = buildPdf([
      ...header,
      ...row(690, '4100-0000', 'Rent Income', '12,500.00', '37,500.00'),
      ...row(678, '4190-0000', 'Concessions', '(1,250.00)', '(3,750.00)'),
      ...row(666, '4999-0000', 'TOTAL INCOME', '11,250.00', '33,750.00'),
      { x: 520, y: 20, text: 'Page 1' },
    ]);

    const document = await parseStatementPdf(bytes);

    expect(document.propertyCode).toBe('MAPL01');
    expect(document.periodStart).toBe('2024-03-01');
    expect(document.lines.map((line) => [line.accountCode, line.amount, line.attributes?.yearToDateAmount, line.lineKind])).toEqual([
      ['4100-0000', '12500.00', '37500.00', 'detail'],
      ['4190-0000', '-1250.00', '-3750.00', 'detail'],
      ['4999-0000', '11250.00', '33750.00', 'total'],
    ]);
  });

  test('encrypted PDF raises PdfStatementError', async () => {
    const bytes = buildPdf(header, { encrypted: true });
    await expect(parseStatementPdf(bytes)).rejects.toThrow(PdfStatementError);
    await expect(parseStatementPdf(bytes)).rejects.toMatchObject({ reason: 'encrypted' });
  });

  test('image-only PDF raises PdfStatementError', async () => {
    await expect(parseStatementPdf(buildPdf([]))).rejects.toMatchObject({ name: 'PdfStatementError', reason: 'image_only' });
  });

  test('corrupt bytes raise PdfStatementError', async () => {
    const bytes = new Uint8Array(Buffer.from('this is not a PDF at all'));
    await expect(parseStatementPdf(bytes)).rejects.toMatchObject({ name: 'PdfStatementError', reason: 'corrupt' });
  });

  test('PDF without account lines is unrecognised', async () => {
    const bytes = buildPdf([{ x: 30, y: 700, text: 'Dear tenant, your lease renews on 1 May.' }]);
    await expect(parseStatementPdf(bytes)).rejects.toThrow(/no account lines/);
    await expect(parseStatementPdf(bytes)).rejects.toMatchObject({ reason: 'unrecognised' });
  });

  test('statement without a period is unrecognised', async () => {
    const bytes = buildPdf([...header.filter((text) => !text.text.startsWith('Period')), ...row(690, '4100-0000', 'Rent', '1.00', '1.00')]);
    await expect(parseStatementPdf(bytes)).rejects.toThrow(/no readable period/);
  });
});
