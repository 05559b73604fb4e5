import {
  AnomalyDetection,
  AnomalyExplanation,
  AnomalyFeedback,
  AnomalyModelCache,
  BatchJobDocument,
  BatchReprocessingJob,
  CrossPropertyBenchmark,
  DocumentUpload,
  FinancialLineItem,
  PdfFieldCoordinate,
  Property,
  PyodModelSelectionLog,
  User,
} from '../../db/entities';
import type { MikroORM } from '../../db/orm';
import { openTestOrm } from '../support/database';

describe('entity round trips', () => {
  let orm: MikroORM;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ orm, close } = await openTestOrm('entities'));
  });
  afterAll(() => close());

  test('every table stores and reloads its values, money exactly', async () => {
    const em = orm.em.fork();
    const user = em.create(User, { email: 'pat@example.com', name: 'Pat', role: 'analyst' });
    const property = em.create(Property, { code: 'RT-1', name: 'Round Trip Plaza', propertyGroup: 'retail', units: 12, squareFeet: 45000, city: 'Austin', state: 'TX' });
    const document = em.create(DocumentUpload, {
      property, documentType: 'balance_sheet', periodStart: '2024-12-01', periodEnd: '2024-12-31', fileName: 'bs.pdf', fileSha256: 'f'.repeat(64), extractionStatus: 'completed',
    });
    const big = em.create(FinancialLineItem, { documentUpload: document, lineNumber: 1, accountCode: '0122-0000', accountName: 'Cash', amount: '9999999999999.99', lineKind: 'detail', section: 'assets', attributes: { ytd: '1.00' } });
    const small = em.create(FinancialLineItem, { documentUpload: document, lineNumber: 2, accountCode: '2110-0000', accountName: 'Payables', amount: '-0.01', lineKind: 'detail', section: 'liabilities' });
    const job = em.create(BatchReprocessingJob, { jobName: 'round trip', initiatedBy: user, propertyIds: [1, 2], dateRangeStart: '2024-01-01', dateRangeEnd: '2024-12-31', documentTypes: ['balance_sheet'], extractionStatusFilter: 'completed', celeryTaskId: 'batch-reprocess-1', resultsSummary: { bySeverity: { high: 1 } } });
    const detection = em.create(AnomalyDetection, {
      documentUpload: document, property, lineItem: big, accountCode: '0122-0000', period: '2024-12-31', actualValue: '-9999999999999.99', expectedValue: '-0.01', score: 4.25, severity: 'critical', anomalyType: 'total_mismatch', detector: 'integrity.totals', modelKey: 'k1', batchJobId: 7, message: 'Cash off', details: { difference: '0.02' },
    });
    em.create(AnomalyFeedback, { anomalyDetection: detection, user, verdict: 'true_positive', notes: 'real', feedbackConfidence: '0.8750', businessContext: 'audit', learnedApplied: true, similarAnomaliesSuppressed: 3 });
    em.create(AnomalyExplanation, { anomalyDetection: detection, rootCauseType: 'extraction_error', rootCauseDescription: 'digit dropped', shapBaseValue: '-123456.7891', limeIntercept: '0.0001', limeScore: '0.9999', contributingFactors: [{ line: 1 }], suggestedActions: ['re-read page 1'], actionCategory: 'verify', explanationMethod: 'shap', computationTimeMs: 12, explanationGeneratedAt: new Date('2024-12-31T10:00:00Z') });
    em.create(AnomalyModelCache, { modelKey: 'k1', property, accountCode: '5000', modelType: 'ECOD', modelBinary: Buffer.from([0, 1, 2, 255]), modelMetadata: { d: 3 }, modelVersion: '1', f1Score: '0.5000', trainingDataSize: 36, trainingDateRange: { start: '2022-01-01', end: '2024-12-31' }, expiresAt: new Date('2030-01-01T00:00:00Z') });
    em.create(CrossPropertyBenchmark, { accountCode: '5110-0000', benchmarkPeriod: '2024-12-31', propertyGroup: 'retail', portfolioMean: '9999999999999.99', portfolioMedian: '-0.01', percentile25: '1.10', percentile95: '2.20', propertyCount: 4, propertyIds: [1, 2, 3, 4] });
    em.create(PdfFieldCoordinate, { documentUpload: document, tableName: 'financial_line_items', recordId: 1, fieldName: 'amount', columnType: 'ptd', pageNumber: 1, x0: '501.1234', y0: '100.5000', x1: '560.0001', y1: '110.0000', extractionMethod: 'pdfjs-text', confidence: '0.9900', matchedText: '31,597,285.29' });
    em.create(PyodModelSelectionLog, { property, accountCode: '5000', dataCharacteristics: { rows: 36 }, llmRecommendedModels: null, selectedModel: 'ECOD', selectionReasoning: 'small n', crossValidationScore: '0.8100' });
    em.create(BatchJobDocument, { job, documentUpload: document, outcome: 'succeeded', detectionCount: 1, durationMs: 5 });
    await em.flush();

    const read = orm.em.fork();
    const lines = await read.find(FinancialLineItem, {}, { orderBy: { lineNumber: 'asc' } });
    expect(lines.map((line) => line.amount)).toEqual(['9999999999999.99', '-0.01']);
    expect(small.id).toBeGreaterThan(big.id);
    expect(lines[0]?.attributes).toEqual({ ytd: '1.00' });

    const reloaded = await read.findOneOrFail(AnomalyDetection, { modelKey: 'k1' });
    expect([reloaded.actualValue, reloaded.expectedValue, reloaded.score, reloaded.status, reloaded.period]).toEqual(['-9999999999999.99', '-0.01', 4.25, 'open', '2024-12-31']);

    const feedback = await read.findOneOrFail(AnomalyFeedback, { verdict: 'true_positive' });
    expect([feedback.feedbackConfidence, feedback.businessContext, feedback.learnedApplied, feedback.similarAnomaliesSuppressed]).toEqual(['0.8750', 'audit', true, 3]);

    const explanation = await read.findOneOrFail(AnomalyExplanation, { rootCauseType: 'extraction_error' });
    expect([explanation.shapBaseValue, explanation.limeIntercept, explanation.limeScore]).toEqual(['-123456.7891', '0.0001', '0.9999']);

    const cached = await read.findOneOrFail(AnomalyModelCache, { modelKey: 'k1' });
    expect(Buffer.from(cached.modelBinary!)).toEqual(Buffer.from([0, 1, 2, 255]));
    expect([cached.useCount, cached.isActive, cached.f1Score]).toEqual([0, true, '0.5000']);

    const benchmark = await read.findOneOrFail(CrossPropertyBenchmark, { accountCode: '5110-0000' });
    expect([benchmark.portfolioMean, benchmark.portfolioMedian, benchmark.percentile25]).toEqual(['9999999999999.99', '-0.01', '1.10']);

    const storedJob = await read.findOneOrFail(BatchReprocessingJob, { jobName: 'round trip' });
    expect([storedJob.status, storedJob.totalDocuments, storedJob.propertyIds, storedJob.dateRangeStart]).toEqual(['queued', 0, [1, 2], '2024-01-01']);

    const box = await read.findOneOrFail(PdfFieldCoordinate, { recordId: 1 });
    expect([box.x0, box.y0, box.x1, box.y1, box.confidence]).toEqual(['501.1234', '100.5000', '560.0001', '110.0000', '0.9900']);

    const selection = await read.findOneOrFail(PyodModelSelectionLog, { selectedModel: 'ECOD' });
    expect(selection.crossValidationScore).toBe('0.8100');

    const outcome = await read.findOneOrFail(BatchJobDocument, { job: storedJob.id });
    expect([outcome.outcome, outcome.detectionCount]).toEqual(['succeeded', 1]);

    const storedUser = await read.findOneOrFail(User, { email: 'pat@example.com' });
    expect(storedUser.role).toBe('analyst');
  });

  test('money outside numeric(15,2) is rejected by the database', async () => {
    const em = orm.em.fork();
    const document = await em.findOneOrFail(DocumentUpload, { fileName: 'bs.pdf' });
    em.create(FinancialLineItem, { documentUpload: document, accountName: 'Too big', amount: '10000000000000.00', lineKind: 'detail' });
    await expect(em.flush()).rejects.toThrow(/numeric field overflow/);
  });
});
