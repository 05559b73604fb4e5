/** Re-reads PDF text items straight from pdfjs-dist, independently of the importer's row grouping. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const REAL_DOCS = path.resolve(__dirname, '../../../../../shared/real-docs');

export interface PageItem {
  pageNumber: number;
  text: string;
  /** Left edge and right edge in PDF points. */
  x0: number;
  x1: number;
  /** Baseline measured from the top of the page. */
  baselineFromTop: number;
}

export function readRealDoc(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(path.join(REAL_DOCS, ...parts)));
}

export async function readPageItems(bytes: Uint8Array): Promise<PageItem[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const items: PageItem[] = [];
  for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber += 1) {
    const page = await document.getPage(pageNumber);
    const height = page.getViewport({ scale: 1 }).height;
    for (const item of (await page.getTextContent()).items) {
      if ('str' in item && item.str.trim() !== '') {
        const [, , , , x, y] = item.transform as number[];
        items.push({ pageNumber, text: item.str, x0: x!, x1: x! + item.width, baselineFromTop: height - y! });
      }
    }
  }
  await document.destroy();
  return items;
}
