import pg from 'pg';

import { migrateDown, migrateUp } from '../../db/migrate';
import { PHASE1_MIGRATION } from '../../db/migrations';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { columnsOf, foreignKeysOf, indexesOf, tableNames } from './catalog';
import { BASE_TABLES, PHASE1_FEEDBACK_COLUMNS, PHASE1_TABLES, type TableSpec } from './expected-schema';

const sortIndexes = (indexes: TableSpec['indexes']): TableSpec['indexes'] => [...indexes].sort((a, b) => a.columns.localeCompare(b.columns));

describe('schema migrations', () => {
  let database: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase('migrations', { migrated: false });
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  async function expectTable(table: string, spec: TableSpec, extraColumns = PHASE1_FEEDBACK_COLUMNS.slice(0, 0)): Promise<void> {
    expect(await columnsOf(client, table)).toEqual([...spec.columns, ...extraColumns]);
    expect(await indexesOf(client, table)).toEqual(sortIndexes(spec.indexes));
    expect(await foreignKeysOf(client, table)).toEqual([...spec.foreignKeys].sort((a, b) => a.column.localeCompare(b.column)));
  }

  test('up on an empty database creates every table, column, index and foreign key', async () => {
    await migrateUp(database.url);

    const tables = await tableNames(client);
    for (const table of [...Object.keys(BASE_TABLES), ...Object.keys(PHASE1_TABLES)]) {
      expect(tables).toContain(table);
    }
    for (const [table, spec] of Object.entries(BASE_TABLES)) {
      await expectTable(table, spec, table === 'anomaly_feedback' ? PHASE1_FEEDBACK_COLUMNS : []);
    }
    for (const [table, spec] of Object.entries(PHASE1_TABLES)) {
      await expectTable(table, spec);
    }
  });

  test('down of Phase 1 removes exactly its changes and keeps base rows', async () => {
    await client.query("insert into users (email, name, role) values ('ana@example.com', 'Ana', 'analyst')");
    await client.query("insert into properties (code, name) values ('P1', 'One')");
    await client.query(
      "insert into document_uploads (property_id, document_type, period_start, period_end, file_name, file_sha256, extraction_status) select id, 'income_statement', '2024-01-01', '2024-01-31', 'a.csv', repeat('a', 64), 'completed' from properties",
    );
    await client.query("insert into financial_line_items (document_upload_id, account_name, amount, line_kind) select id, 'Rent', 9999999999999.99, 'detail' from document_uploads");
    await client.query(
      "insert into anomaly_detections (document_upload_id, property_id, severity, anomaly_type, detector) select id, property_id, 'high', 'total_mismatch', 'integrity.totals' from document_uploads",
    );
    await client.query("insert into anomaly_feedback (anomaly_detection_id, verdict, notes, business_context) select id, 'true_positive', 'kept', 'year-end' from anomaly_detections");

    await migrateDown(database.url, { to: PHASE1_MIGRATION });

    const tables = await tableNames(client);
    for (const table of Object.keys(PHASE1_TABLES)) expect(tables).not.toContain(table);
    expect(tables).not.toContain('batch_job_documents');
    for (const [table, spec] of Object.entries(BASE_TABLES)) await expectTable(table, spec);

    const counts = await client.query<{ table: string; n: string }>(
      "select 'users' as table, count(*) as n from users union all select 'line_items', count(*) from financial_line_items union all select 'feedback', count(*) from anomaly_feedback",
    );
    expect(counts.rows.map((row) => Number(row.n))).toEqual([1, 1, 1]);
  });

  test('up again on a database holding data keeps every row', async () => {
    await migrateUp(database.url);

    const line = await client.query<{ amount: string }>('select amount from financial_line_items');
    expect(line.rows[0]?.amount).toBe('9999999999999.99');
    const feedback = await client.query<{ notes: string; feedback_confidence: string; learned_applied: boolean }>(
      'select notes, feedback_confidence, learned_applied from anomaly_feedback',
    );
    expect(feedback.rows).toEqual([{ notes: 'kept', feedback_confidence: '1.0000', learned_applied: false }]);
    const users = await client.query('select email from users');
    expect(users.rows).toEqual([{ email: 'ana@example.com' }]);
  });

  test('down to zero and up again leaves the full schema', async () => {
    await migrateDown(database.url, { to: 0 });
    expect(await tableNames(client)).toEqual(['mikro_orm_migrations']);

    await migrateUp(database.url);
    await expectTable('anomaly_model_cache', PHASE1_TABLES.anomaly_model_cache!);
  });
});
