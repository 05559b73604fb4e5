/**
 * Reads the text layer of a PDF with pdfjs-dist and returns each text run
 * with its box in PDF points, origin at the page's top-left corner.
 */
import { PdfStatementError } from '../errors';

/** One run of text as pdfjs-dist returned it, with its box on the page. */
export interface TextRun {
  text: string;
  pageNumber: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Baseline, measured from the top of the page. */
  baseline: number;
  fontSize: number;
}

export interface TextPage {
  pageNumber: number;
  width: number;
  height: number;
  runs: TextRun[];
}

/** Share of the font size below the baseline that the box includes, so commas and descenders stay inside. */
const DESCENT = 0.25;

type PdfJs = typeof import('pdfjs-dist');

let pdfjsModule: Promise<PdfJs> | undefined;

/** Loads pdfjs-dist once. Version 4 ships ESM only, so a CommonJS build must use a dynamic import. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs') as Promise<PdfJs>;
  return pdfjsModule;
}

/**
 * Extracts every non-blank text run of every page.
 *
 * @throws PdfStatementError `encrypted` when the file needs a password,
 *   `corrupt` when pdfjs-dist cannot open it, `image_only` when no page has text.
 */
export async function readTextLayer(bytes: Uint8Array): Promise<TextPage[]> {
  const pdfjs = await loadPdfJs();
  // pdfjs-dist transfers the buffer it is given to its worker, so it gets a copy.
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false });

  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    throw openFailure(error);
  }

  try {
    const pages: TextPage[] = [];
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber += 1) {
      pages.push(await readPage(document, pageNumber));
    }
    if (pages.every((page) => page.runs.length === 0)) {
      throw new PdfStatementError(
        'image_only',
        `PDF has ${pages.length} page(s) but no text layer (scanned or image-only). Run OCR on it or request a text export.`,
      );
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

async function readPage(document: import('pdfjs-dist').PDFDocumentProxy, pageNumber: number): Promise<TextPage> {
  const page = await document.getPage(pageNumber);
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const runs: TextRun[] = [];

  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') {
      continue;
    }
    const [, , c = 0, d = 0, e = 0, f = 0] = item.transform as number[];
    const fontSize = Math.hypot(c, d) || item.height;
    // convertToViewportPoint flips the y axis and applies the page's crop box and rotation.
    const corners = [
      viewport.convertToViewportPoint(e, f - DESCENT * fontSize) as number[],
      viewport.convertToViewportPoint(e + item.width, f + fontSize) as number[],
    ];
    const xs = corners.map((point) => point[0] ?? 0);
    const ys = corners.map((point) => point[1] ?? 0);
    runs.push({
      text: item.str,
      pageNumber,
      x0: Math.min(...xs),
      y0: Math.min(...ys),
      x1: Math.max(...xs),
      y1: Math.max(...ys),
      baseline: (viewport.convertToViewportPoint(e, f) as number[])[1] ?? 0,
      fontSize,
    });
  }

  page.cleanup();
  return { pageNumber, width: viewport.width, height: viewport.height, runs };
}

function openFailure(error: unknown): PdfStatementError {
  const name = error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return new PdfStatementError('encrypted', `PDF is encrypted and needs a password (${detail}). Request an unprotected export.`, {
      cause: error,
    });
  }
  return new PdfStatementError('corrupt', `PDF could not be opened: ${detail}. The file is damaged or not a PDF.`, { cause: error });
}
