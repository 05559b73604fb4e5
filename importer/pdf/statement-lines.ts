/**
 * Turns body rows of a Yardi-style statement into `ParsedLine`s: account code,
 * name, current-period amount with its box, year-to-date amount, line kind and section.
 */
import type { LineKind, PageBox, ParsedLine } from '../../domain/statements';
import { isAmountText, parseAmount } from '../amount';
import type { Cell, Row } from './rows';
import { ACCOUNT_CODE, type AmountColumn, type ColumnRole } from './statement-layout';

export const EXTRACTION_METHOD = 'pdfjs-text-layer';

/** Confidence of an amount read under a labelled column. */
const LABELLED_CONFIDENCE = 0.98;
/** Confidence of an amount placed by its order in the row because no column label covered it. */
const ORDER_CONFIDENCE = 0.8;

/** State carried from row to row: the section that no-code headers such as "ADJUSTMENTS" open. */
export interface LineContext {
  columns: AmountColumn[];
  openSection: string | null;
}

interface PlacedAmount {
  role: ColumnRole;
  cell: Cell;
  labelled: boolean;
}

/** Reads one body row, or returns null when the row carries neither an account code, an amount nor a section title. */
export function readLine(row: Row, context: LineContext): ParsedLine | null {
  const { code, nameCells, amountCells } = splitRow(row);
  const name = nameCells.map((cell) => cell.text).join(' ').trim();

  if (amountCells.length === 0) {
    return readHeaderLine(code, name, context);
  }

  const placed = placeAmounts(amountCells, context.columns);
  const current = placed.find((amount) => amount.role === 'current') ?? placed.find((amount) => amount.role !== 'percent');
  if (!current) {
    return null;
  }

  const section = code === null ? sectionFromTitle(name) ?? context.openSection : context.openSection ?? sectionFromCode(code);
  const yearToDate = placed.find((amount) => amount.role === 'year_to_date');
  const attributes: Record<string, unknown> = {};
  if (yearToDate) {
    attributes.yearToDateAmount = parseAmount(yearToDate.cell.text).value;
  }
  for (const other of placed.filter((amount) => amount.role === 'other')) {
    attributes[labelFor(other, context.columns)] = parseAmount(other.cell.text).value;
  }

  return {
    accountCode: code,
    accountName: name,
    amount: parseAmount(current.cell.text).value,
    lineKind: lineKindOf(name),
    section,
    attributes,
    box: boxOf(current),
  };
}

function readHeaderLine(code: string | null, name: string, context: LineContext): ParsedLine | null {
  if (name === '') {
    return null;
  }
  if (code === null) {
    // A code-less title is a section header only when printed in capitals ("ADJUSTMENTS"). Other text is not statement data.
    if (name !== name.toUpperCase() || !/[A-Z]/.test(name)) {
      return null;
    }
    context.openSection = sectionFromTitle(name) ?? context.openSection;
  }
  const section = code === null ? context.openSection : context.openSection ?? sectionFromCode(code);
  return { accountCode: code, accountName: name, amount: null, lineKind: 'header', section };
}

function splitRow(row: Row): { code: string | null; nameCells: Cell[]; amountCells: Cell[] } {
  const cells = [...row.cells];
  let code: string | null = null;

  const first = cells[0];
  const codeMatch = first ? ACCOUNT_CODE.exec(first.text.trim()) : null;
  if (first && codeMatch) {
    code = codeMatch[1]!;
    cells.shift();
    if (codeMatch[2]) {
      cells.unshift({ ...first, text: codeMatch[2] });
    }
  }

  const firstAmount = cells.findIndex((cell) => isAmountText(cell.text));
  if (firstAmount < 0) {
    return { code, nameCells: cells, amountCells: [] };
  }
  return {
    code,
    nameCells: cells.slice(0, firstAmount),
    amountCells: cells.slice(firstAmount).filter((cell) => isAmountText(cell.text)),
  };
}

/**
 * Places each amount under the labelled column it overlaps most. Amounts under
 * no label fall back to their order: the first is the current period and the
 * second the year to date.
 */
function placeAmounts(cells: Cell[], columns: AmountColumn[]): PlacedAmount[] {
  const placed: PlacedAmount[] = [];
  const unlabelled: Cell[] = [];

  for (const cell of cells) {
    const column = bestColumn(cell, columns);
    if (column) {
      placed.push({ role: column.role, cell, labelled: true });
    } else {
      unlabelled.push(cell);
    }
  }

  const fallbackRoles: ColumnRole[] = ['current', 'year_to_date'];
  for (const cell of unlabelled) {
    const isPercent = parseAmount(cell.text).kind === 'percent';
    const role = isPercent ? 'percent' : fallbackRoles.find((candidate) => !placed.some((amount) => amount.role === candidate)) ?? 'other';
    placed.push({ role, cell, labelled: false });
  }
  return placed;
}

/** Yardi right-aligns amounts under their label, so overlap with the label's span decides the column. */
function bestColumn(cell: Cell, columns: AmountColumn[]): AmountColumn | null {
  let best: AmountColumn | null = null;
  let bestOverlap = 0;
  for (const column of columns) {
    const overlap = Math.min(cell.x1, column.x1) - Math.max(cell.x0, column.x0);
    if (overlap > bestOverlap) {
      best = column;
      bestOverlap = overlap;
    }
  }
  return best;
}

function labelFor(amount: PlacedAmount, columns: AmountColumn[]): string {
  const column = bestColumn(amount.cell, columns);
  return column ? column.label : `column_${Math.round(amount.cell.x1)}`;
}

function boxOf(amount: PlacedAmount): PageBox {
  const run = amount.cell.runs[0]!;
  return {
    pageNumber: run.pageNumber,
    x0: amount.cell.x0,
    y0: amount.cell.y0,
    x1: amount.cell.x1,
    y1: amount.cell.y1,
    matchedText: amount.cell.text,
    confidence: amount.labelled ? LABELLED_CONFIDENCE : ORDER_CONFIDENCE,
    extractionMethod: amount.labelled ? `${EXTRACTION_METHOD}:labelled-column` : `${EXTRACTION_METHOD}:column-order`,
  };
}

/**
 * "Total …" in mixed case is a subtotal and in capitals ("TOTAL ASSETS") a
 * total, which is how Yardi prints the two levels. NOI, net income and cash flow are totals.
 */
export function lineKindOf(name: string): LineKind {
  if (/^total\b/i.test(name)) {
    return name === name.toUpperCase() ? 'total' : 'subtotal';
  }
  if (/^(net operating income|noi|net income|net loss|net income \(loss\)|cash flow|net cash flow)$/i.test(name.trim())) {
    return 'total';
  }
  return 'detail';
}

/** Maps a Yardi account code to its statement section by the Yardi chart ranges (0100–1999 assets … 9xxx net income). */
export function sectionFromCode(code: string): string {
  const major = Number(code.slice(0, 4));
  if (major < 2000) return 'assets';
  if (major < 3000) return 'liabilities';
  if (major < 4000) return 'equity';
  if (major < 5000) return 'revenue';
  if (major < 6200) return 'expense';
  if (major < 7000) return 'noi';
  if (major < 9000) return 'below_noi';
  return 'net_income';
}

function sectionFromTitle(name: string): string | null {
  if (/adjustment/i.test(name)) return 'adjustments';
  if (/cash flow/i.test(name)) return 'cash_flow';
  return null;
}
