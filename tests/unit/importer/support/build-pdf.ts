/** Builds small single-page PDFs for parser tests, so odd layouts and broken files need no binary fixtures. */

export interface PdfText {
  x: number;
  /** Baseline in PDF user space (origin bottom-left). */
  y: number;
  text: string;
  size?: number;
}

export interface PdfBuildOptions {
  /** Adds a standard security handler whose user password is not empty, so readers must ask for one. */
  encrypted?: boolean;
}

/** Writes a one-page 612×792 PDF that prints `texts` in Helvetica. Without texts the page has only a drawn line and no text layer. */
export function buildPdf(texts: PdfText[], options: PdfBuildOptions = {}): Uint8Array {
  const escape = (text: string): string => text.replace(/[\\()]/g, (match) => `\\${match}`);
  const content = texts.map((item) => `BT /F1 ${item.size ?? 8} Tf ${item.x} ${item.y} Td (${escape(item.text)}) Tj ET`).join('\n');
  const drawing = texts.length === 0 ? '0 0 m 100 100 l S' : content;

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(drawing, 'latin1')} >>\nstream\n${drawing}\nendstream`,
  ];
  if (options.encrypted) {
    objects.push(`<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -4 >>`);
  }

  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });

  const xrefOffset = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  const encryption = options.encrypted ? ` /Encrypt ${objects.length} 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]` : '';
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encryption} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}
