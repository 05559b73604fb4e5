/**
 * Writes the synthetic sample portfolio.
 * Usage: tsx sample-portfolio/cli.ts --out DIR [--seed N] [--properties N] [--months N]
 */
import { generatePortfolio } from './generate-portfolio';

function readOptions(argv: string[]): { outDir: string; seed: number; properties?: number; months?: number } {
  const value = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const integer = (flag: string): number | undefined => {
    const text = value(flag);
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw new Error(`${flag} expects a non-negative integer, got ${JSON.stringify(text)}`);
    return Number(text);
  };

  const outDir = value('--out');
  if (!outDir) throw new Error('missing --out DIR (the folder to write the sample portfolio into)');
  return { outDir, seed: integer('--seed') ?? 42, properties: integer('--properties'), months: integer('--months') };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const result = await generatePortfolio(options);
  console.log(`Wrote ${result.files.length} synthetic files (${result.documentCount} documents, ${result.anomalies.length} labelled anomalies) to ${options.outDir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
