import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ParsedDocument } from '../../../domain/statements';
import { centsFromMoney } from '../../../importer/amount';
import { parseStatementFile } from '../../../importer/parse-statement-file';
import { BALANCE_SHEET, INCOME_STATEMENT, type ChartRow } from '../../../sample-portfolio/chart';
import { generatePortfolio, SYNTHETIC_NOTICE } from '../../../sample-portfolio/generate-portfolio';

const OPTIONS = { seed: 11, properties: 3, months: 24 };
let folders: string[] = [];

async function generateInto(extra: Partial<Parameters<typeof generatePortfolio>[0]> = {}) {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'sample-portfolio-'));
  folders.push(outDir);
  return { outDir, result: await generatePortfolio({ ...OPTIONS, outDir, ...extra }) };
}

async function parseAll(files: string[]): Promise<ParsedDocument[]> {
  const parsed = await Promise.all(files.map(async (file) => (await parseStatementFile(path.basename(file), await readFile(file))).documents));
  return parsed.flat();
}

function amountOf(document: ParsedDocument, code: string): bigint {
  const line = document.lines.find((candidate) => candidate.accountCode === code && candidate.amount !== null);
  return centsFromMoney(line!.amount!);
}

/** Recomputes each subtotal and total from the parsed lines it sums, by the chart's definition. */
function expectTies(document: ParsedDocument, chart: ChartRow[]): void {
  for (const row of chart.filter((candidate) => candidate.sumOf)) {
    const expected = row.sumOf!.reduce((sum, term) => sum + (term.startsWith('-') ? -amountOf(document, term.slice(1)) : amountOf(document, term)), 0n);
    expect({ period: document.periodStart, code: row.code, amount: amountOf(document, row.code) }).toEqual({ period: document.periodStart, code: row.code, amount: expected });
  }
}

afterEach(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  folders = [];
});

describe('generatePortfolio', () => {
  test('same seed writes byte-identical files', async () => {
    const first = await generateInto();
    const second = await generateInto();

    const names = (await readdir(first.outDir, { recursive: true })).sort();
    expect((await readdir(second.outDir, { recursive: true })).sort()).toEqual(names);
    for (const [index, file] of first.result.files.entries()) {
      expect((await readFile(file)).equals(await readFile(second.result.files[index]!))).toBe(true);
    }
    expect((await readFile(path.join(first.outDir, 'ground-truth.json'), 'utf8')).includes(SYNTHETIC_NOTICE)).toBe(true);
  });

  test('clean statements parse back and tie', async () => {
    const { result } = await generateInto({ anomaliesPerKind: 0 });
    const documents = await parseAll(result.files);

    expect(result.anomalies).toHaveLength(0);
    expect(documents).toHaveLength(result.documentCount);
    const incomeStatements = documents.filter((document) => document.documentType === 'income_statement');
    const balanceSheets = documents.filter((document) => document.documentType === 'balance_sheet');
    expect(incomeStatements).toHaveLength(3 * 24);
    incomeStatements.forEach((document) => expectTies(document, INCOME_STATEMENT));
    balanceSheets.forEach((document) => expectTies(document, BALANCE_SHEET));

    for (const sheet of balanceSheets) {
      expect(amountOf(sheet, '1999-0000')).toBe(amountOf(sheet, '3999-9000'));
      const yearToDate = incomeStatements
        .filter((statement) => statement.propertyCode === sheet.propertyCode && statement.periodStart.slice(0, 4) === sheet.periodStart.slice(0, 4) && statement.periodStart <= sheet.periodStart)
        .reduce((sum, statement) => sum + amountOf(statement, '9090-0000'), 0n);
      expect({ period: sheet.periodStart, earnings: amountOf(sheet, '3995-0000') }).toEqual({ period: sheet.periodStart, earnings: yearToDate });
    }
    expect(documents.filter((document) => document.documentType === 'rent_roll')).toHaveLength(3 * 2);
  });

  test('ground truth matches the injected files', async () => {
    const { result } = await generateInto({ properties: 6, months: 36 });
    const documents = await parseAll(result.files);

    expect(new Set(result.anomalies.map((anomaly) => anomaly.kind)).size).toBe(10);
    expect(result.anomalies.length / result.documentCount).toBeLessThan(0.05);
    for (const anomaly of result.anomalies) {
      const document = documents.find((candidate) => candidate.propertyCode === anomaly.propertyCode && candidate.documentType === anomaly.documentType && candidate.periodStart.startsWith(anomaly.period))!;
      const amounts = document.lines.filter((line) => line.accountCode === anomaly.accountCode).map((line) => line.amount);
      expect({ anomaly, contains: amounts.includes(anomaly.injectedAmount) }).toEqual({ anomaly, contains: true });
      if (anomaly.kind === 'duplicated_line' || anomaly.kind === 'subtotal_as_line') {
        expect(amounts.filter((amount) => amount === anomaly.injectedAmount)).toHaveLength(2);
      } else {
        expect(anomaly.injectedAmount).not.toBe(anomaly.originalAmount);
      }
    }
  });
});
