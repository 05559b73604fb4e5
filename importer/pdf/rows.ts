/**
 * Groups text runs into printed rows and cells. A row is a set of runs
 * sharing a baseline, and a cell is a group of runs with no column gap between them.
 */
import type { TextPage, TextRun } from './text-layer';

export interface Cell {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  runs: TextRun[];
}

export interface Row {
  pageNumber: number;
  baseline: number;
  cells: Cell[];
}

/** Baselines closer than this share of the font size belong to one row. */
const ROW_TOLERANCE = 0.4;
/** Runs closer than this share of the font size join without a space (one word split into runs). */
const JOIN_GAP = 0.15;
/** Runs closer than this share of the font size join with a space; a wider gap starts a new cell. */
const WORD_GAP = 1.2;

/** Splits each page into rows ordered top to bottom, cells ordered left to right. */
export function groupRows(pages: TextPage[]): Row[] {
  return pages.flatMap((page) => groupPageRows(page));
}

function groupPageRows(page: TextPage): Row[] {
  const runs = [...page.runs].sort((left, right) => left.baseline - right.baseline || left.x0 - right.x0);
  const rows: Row[] = [];
  let current: TextRun[] = [];

  for (const run of runs) {
    const anchor = current[0];
    if (anchor && Math.abs(run.baseline - anchor.baseline) > ROW_TOLERANCE * anchor.fontSize) {
      rows.push(toRow(page.pageNumber, current));
      current = [];
    }
    current.push(run);
  }
  if (current.length > 0) {
    rows.push(toRow(page.pageNumber, current));
  }
  return rows;
}

function toRow(pageNumber: number, runs: TextRun[]): Row {
  const ordered = [...runs].sort((left, right) => left.x0 - right.x0);
  const cells: Cell[] = [];

  for (const run of ordered) {
    const last = cells[cells.length - 1];
    const gap = last ? run.x0 - last.x1 : Number.POSITIVE_INFINITY;
    if (last && gap < WORD_GAP * run.fontSize) {
      const separator = gap < JOIN_GAP * run.fontSize ? '' : ' ';
      last.text = `${last.text}${separator}${run.text.trim()}`;
      last.x1 = Math.max(last.x1, run.x1);
      last.y0 = Math.min(last.y0, run.y0);
      last.y1 = Math.max(last.y1, run.y1);
      last.runs.push(run);
      continue;
    }
    cells.push({ text: run.text.trim(), x0: run.x0, y0: run.y0, x1: run.x1, y1: run.y1, runs: [run] });
  }
  return { pageNumber, baseline: ordered[0]?.baseline ?? 0, cells };
}

/** Returns the row's text with one space between cells. */
export function rowText(row: Row): string {
  return row.cells.map((cell) => cell.text).join(' ');
}
