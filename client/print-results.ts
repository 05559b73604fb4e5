/** Prints a finished job for people: its counts, the top findings, and where to open it in the Web UI. */
import type { Knex } from '@mikro-orm/postgresql';

import { workflowIdFor } from '../jobs/create-job';

const SEVERITY_ORDER = "case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end";

interface FindingRow {
  property_code: string;
  period: string | null;
  account_code: string | null;
  account_name: string | null;
  actual_value: string | null;
  expected_value: string | null;
  severity: string;
  anomaly_type: string;
  message: string | null;
}

function money(value: string | null): string {
  if (value === null) return '-';
  const [whole = '0', fraction = '00'] = value.replace('-', '').split('.');
  return `${value.startsWith('-') ? '-' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

export async function topFindings(knex: Knex, jobId: number, limit: number): Promise<FindingRow[]> {
  return knex('anomaly_detections as a')
    .join('properties as p', 'p.id', 'a.property_id')
    .leftJoin('financial_line_items as l', 'l.id', 'a.line_item_id')
    .where('a.batch_job_id', jobId)
    .orderByRaw(`${SEVERITY_ORDER}, a.score desc nulls last, a.id`)
    .limit(limit)
    .select<FindingRow[]>(
      'p.code as property_code',
      knex.raw("to_char(a.period, 'YYYY-MM-DD') as period"),
      'a.account_code', 'l.account_name', 'a.actual_value', 'a.expected_value', 'a.severity', 'a.anomaly_type', 'a.message',
    );
}

export async function printJobResults(knex: Knex, row: Record<string, unknown>, temporalUiUrl: string | null, print: (line: string) => void, limit = 15): Promise<void> {
  const jobId = Number(row.id);
  const summary = (row.results_summary ?? {}) as { detections?: { total?: number; bySeverity?: Record<string, number>; byAnomalyType?: Record<string, number> }; failures?: { documentId: number; reason: string }[]; skippedReasons?: Record<string, number> };

  print('');
  print(`Job ${jobId} "${String(row.job_name)}": ${String(row.status)}`);
  print(`  documents: ${String(row.total_documents)} selected, ${String(row.processed_documents)} processed, ${String(row.successful_count)} succeeded, ${String(row.failed_count)} failed, ${String(row.skipped_count)} skipped`);
  const detections = summary.detections;
  if (detections) {
    const severity = Object.entries(detections.bySeverity ?? {}).map(([key, n]) => `${key} ${n}`).join(', ');
    print(`  findings: ${detections.total ?? 0}${severity ? ` (${severity})` : ''}`);
    const types = Object.entries(detections.byAnomalyType ?? {}).sort((a, b) => b[1] - a[1]).map(([key, n]) => `${key} ${n}`).join(', ');
    if (types) print(`  by type: ${types}`);
  }
  for (const failure of (summary.failures ?? []).slice(0, 5)) print(`  failed document ${failure.documentId}: ${failure.reason}`);
  for (const [reason, n] of Object.entries(summary.skippedReasons ?? {})) print(`  skipped ${n}: ${reason}`);

  const findings = await topFindings(knex, jobId, limit);
  if (findings.length > 0) {
    print('');
    print(`Top findings:`);
    for (const finding of findings) {
      const account = [finding.account_code, finding.account_name].filter(Boolean).join(' ') || '(statement)';
      print(`  [${finding.severity}] ${finding.property_code} ${finding.period ?? ''} ${account}: actual ${money(finding.actual_value)}, expected ${money(finding.expected_value)} (${finding.anomaly_type})`);
    }
  }
  if (temporalUiUrl) {
    print('');
    print(`Open the job in the Temporal Web UI: ${temporalUiUrl}/namespaces/default/workflows/${workflowIdFor(jobId)}`);
    print(`  or search there with: ReimsJobId = ${jobId}`);
  }
}
