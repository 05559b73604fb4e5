/**
 * The schema SPEC.md describes, written out by hand so the migration tests
 * compare PostgreSQL's catalogs with it rather than with the ORM's metadata.
 * Column: [name, type as information_schema.columns reports it, nullable, default or null].
 */
export type ColumnSpec = [name: string, type: string, nullable: boolean, defaultValue: string | null];

export interface TableSpec {
  columns: ColumnSpec[];
  /** Index definitions by column list ("a,b"), unique or not. */
  indexes: { columns: string; unique: boolean }[];
  foreignKeys: { column: string; references: string; onDelete: 'CASCADE' | 'SET NULL' }[];
}

const ts = 'timestamp with time zone';
const money = 'numeric(15,2)';
const ratio = 'numeric(5,4)';

export const BASE_TABLES: Record<string, TableSpec> = {
  users: {
    columns: [
      ['id', 'integer', false, "nextval('users_id_seq'::regclass)"],
      ['email', 'character varying(320)', false, null],
      ['name', 'character varying(255)', false, null],
      ['role', 'character varying(20)', false, "'viewer'::character varying"],
      ['created_at', ts, false, 'now()'],
    ],
    indexes: [{ columns: 'email', unique: true }],
    foreignKeys: [],
  },
  properties: {
    columns: [
      ['id', 'integer', false, "nextval('properties_id_seq'::regclass)"],
      ['code', 'character varying(50)', false, null],
      ['name', 'character varying(255)', false, null],
      ['property_group', 'character varying(50)', true, null],
      ['units', 'integer', true, null],
      ['square_feet', 'integer', true, null],
      ['city', 'character varying(100)', true, null],
      ['state', 'character varying(50)', true, null],
      ['created_at', ts, false, 'now()'],
    ],
    indexes: [{ columns: 'code', unique: true }],
    foreignKeys: [],
  },
  document_uploads: {
    columns: [
      ['id', 'integer', false, "nextval('document_uploads_id_seq'::regclass)"],
      ['property_id', 'integer', true, null],
      ['document_type', 'character varying(30)', false, null],
      ['period_start', 'date', true, null],
      ['period_end', 'date', true, null],
      ['upload_date', ts, false, 'now()'],
      ['file_name', 'character varying(500)', false, null],
      ['file_sha256', 'character varying(64)', false, null],
      ['extraction_status', 'character varying(20)', false, "'pending'::character varying"],
      ['extraction_error', 'text', true, null],
      ['reprocess_requested_at', ts, true, null],
      ['created_at', ts, false, 'now()'],
    ],
    indexes: [
      { columns: 'property_id', unique: false },
      { columns: 'file_sha256', unique: false },
    ],
    foreignKeys: [{ column: 'property_id', references: 'properties', onDelete: 'CASCADE' }],
  },
  financial_line_items: {
    columns: [
      ['id', 'integer', false, "nextval('financial_line_items_id_seq'::regclass)"],
      ['document_upload_id', 'integer', false, null],
      ['line_number', 'integer', false, '0'],
      ['account_code', 'character varying(50)', true, null],
      ['account_name', 'character varying(255)', false, null],
      ['amount', money, true, null],
      ['line_kind', 'character varying(20)', false, null],
      ['section', 'character varying(50)', true, null],
      ['attributes', 'jsonb', true, null],
    ],
    indexes: [{ columns: 'document_upload_id', unique: false }],
    foreignKeys: [{ column: 'document_upload_id', references: 'document_uploads', onDelete: 'CASCADE' }],
  },
  anomaly_detections: {
    columns: [
      ['id', 'integer', false, "nextval('anomaly_detections_id_seq'::regclass)"],
      ['document_upload_id', 'integer', false, null],
      ['property_id', 'integer', false, null],
      ['line_item_id', 'integer', true, null],
      ['account_code', 'character varying(50)', true, null],
      ['period', 'date', true, null],
      ['actual_value', money, true, null],
      ['expected_value', money, true, null],
      ['score', 'double precision', true, null],
      ['severity', 'character varying(10)', false, null],
      ['anomaly_type', 'character varying(50)', false, null],
      ['detector', 'character varying(100)', false, null],
      ['model_key', 'character varying(255)', true, null],
      ['batch_job_id', 'integer', true, null],
      ['status', 'character varying(20)', false, "'open'::character varying"],
      ['message', 'text', true, null],
      ['details', 'jsonb', true, null],
      ['created_at', ts, false, 'now()'],
    ],
    indexes: [
      { columns: 'document_upload_id', unique: false },
      { columns: 'property_id', unique: false },
      { columns: 'anomaly_type', unique: false },
      { columns: 'batch_job_id', unique: false },
    ],
    foreignKeys: [
      { column: 'document_upload_id', references: 'document_uploads', onDelete: 'CASCADE' },
      { column: 'property_id', references: 'properties', onDelete: 'CASCADE' },
      { column: 'line_item_id', references: 'financial_line_items', onDelete: 'SET NULL' },
    ],
  },
  anomaly_feedback: {
    columns: [
      ['id', 'integer', false, "nextval('anomaly_feedback_id_seq'::regclass)"],
      ['anomaly_detection_id', 'integer', false, null],
      ['user_id', 'integer', true, null],
      ['verdict', 'character varying(20)', false, null],
      ['notes', 'text', true, null],
      ['created_at', ts, false, 'now()'],
    ],
    indexes: [{ columns: 'anomaly_detection_id', unique: false }],
    foreignKeys: [
      { column: 'anomaly_detection_id', references: 'anomaly_detections', onDelete: 'CASCADE' },
      { column: 'user_id', references: 'users', onDelete: 'SET NULL' },
    ],
  },
};

/** The four columns Phase 1 adds to anomaly_feedback. */
export const PHASE1_FEEDBACK_COLUMNS: ColumnSpec[] = [
  ['feedback_confidence', ratio, true, '1.0'],
  ['business_context', 'text', true, null],
  ['learned_applied', 'boolean', true, 'false'],
  ['similar_anomalies_suppressed', 'integer', true, '0'],
];

const created: ColumnSpec = ['created_at', ts, true, 'now()'];
const updated: ColumnSpec = ['updated_at', ts, true, 'now()'];

export const PHASE1_TABLES: Record<string, TableSpec> = {
  anomaly_explanations: {
    columns: [
      ['id', 'integer', false, "nextval('anomaly_explanations_id_seq'::regclass)"],
      ['anomaly_detection_id', 'integer', false, null],
      ['root_cause_type', 'character varying(50)', false, null],
      ['root_cause_description', 'text', false, null],
      ['contributing_factors', 'jsonb', true, null],
      ['shap_values', 'jsonb', true, null],
      ['shap_base_value', 'numeric(10,4)', true, null],
      ['shap_feature_importance', 'jsonb', true, null],
      ['lime_explanation', 'jsonb', true, null],
      ['lime_intercept', 'numeric(10,4)', true, null],
      ['lime_score', ratio, true, null],
      ['suggested_actions', 'jsonb', true, null],
      ['action_category', 'character varying(50)', true, null],
      ['explanation_generated_at', ts, true, null],
      ['explanation_method', 'character varying(20)', true, null],
      ['computation_time_ms', 'integer', true, null],
      created,
    ],
    indexes: [
      { columns: 'anomaly_detection_id', unique: false },
      { columns: 'root_cause_type', unique: false },
    ],
    foreignKeys: [{ column: 'anomaly_detection_id', references: 'anomaly_detections', onDelete: 'CASCADE' }],
  },
  anomaly_model_cache: {
    columns: [
      ['id', 'integer', false, "nextval('anomaly_model_cache_id_seq'::regclass)"],
      ['model_key', 'character varying(255)', false, null],
      ['property_id', 'integer', true, null],
      ['account_code', 'character varying(50)', true, null],
      ['model_type', 'character varying(50)', false, null],
      ['model_binary', 'bytea', true, null],
      ['model_metadata', 'jsonb', true, null],
      ['model_version', 'character varying(20)', true, null],
      ['training_accuracy', ratio, true, null],
      ['validation_accuracy', ratio, true, null],
      ['precision_score', ratio, true, null],
      ['recall_score', ratio, true, null],
      ['f1_score', ratio, true, null],
      ['training_data_size', 'integer', true, null],
      ['training_date_range', 'jsonb', true, null],
      ['trained_at', ts, true, 'now()'],
      ['last_used_at', ts, true, null],
      ['use_count', 'integer', true, '0'],
      ['is_active', 'boolean', true, 'true'],
      ['expires_at', ts, true, null],
      created,
      updated,
    ],
    indexes: [
      { columns: 'model_key', unique: true },
      { columns: 'property_id', unique: false },
      { columns: 'model_type', unique: false },
      { columns: 'is_active,expires_at', unique: false },
    ],
    foreignKeys: [{ column: 'property_id', references: 'properties', onDelete: 'CASCADE' }],
  },
  cross_property_benchmarks: {
    columns: [
      ['id', 'integer', false, "nextval('cross_property_benchmarks_id_seq'::regclass)"],
      ['account_code', 'character varying(50)', false, null],
      ['benchmark_period', 'date', false, null],
      ['property_group', 'character varying(50)', true, null],
      ['portfolio_mean', money, true, null],
      ['portfolio_median', money, true, null],
      ['portfolio_std', money, true, null],
      ['percentile_25', money, true, null],
      ['percentile_75', money, true, null],
      ['percentile_90', money, true, null],
      ['percentile_95', money, true, null],
      ['property_count', 'integer', false, null],
      ['property_ids', 'jsonb', true, null],
      ['calculated_at', ts, true, 'now()'],
      created,
      updated,
    ],
    indexes: [
      { columns: 'account_code,benchmark_period,property_group', unique: true },
      { columns: 'account_code', unique: false },
      { columns: 'benchmark_period', unique: false },
      { columns: 'property_group', unique: false },
    ],
    foreignKeys: [],
  },
  batch_reprocessing_jobs: {
    columns: [
      ['id', 'integer', false, "nextval('batch_reprocessing_jobs_id_seq'::regclass)"],
      ['job_name', 'character varying(255)', true, null],
      ['initiated_by', 'integer', true, null],
      ['property_ids', 'jsonb', true, null],
      ['date_range_start', 'date', true, null],
      ['date_range_end', 'date', true, null],
      ['document_types', 'jsonb', true, null],
      ['extraction_status_filter', 'character varying(50)', true, null],
      ['status', 'character varying(50)', true, "'queued'::character varying"],
      ['celery_task_id', 'character varying(255)', true, null],
      ['total_documents', 'integer', true, '0'],
      ['processed_documents', 'integer', true, '0'],
      ['successful_count', 'integer', true, '0'],
      ['failed_count', 'integer', true, '0'],
      ['skipped_count', 'integer', true, '0'],
      ['results_summary', 'jsonb', true, null],
      ['started_at', ts, true, null],
      ['completed_at', ts, true, null],
      ['estimated_completion_at', ts, true, null],
      created,
      updated,
    ],
    indexes: [
      { columns: 'initiated_by', unique: false },
      { columns: 'status', unique: false },
      { columns: 'created_at', unique: false },
    ],
    foreignKeys: [{ column: 'initiated_by', references: 'users', onDelete: 'SET NULL' }],
  },
  pdf_field_coordinates: {
    columns: [
      ['id', 'integer', false, "nextval('pdf_field_coordinates_id_seq'::regclass)"],
      ['document_upload_id', 'integer', false, null],
      ['table_name', 'character varying(50)', true, null],
      ['record_id', 'integer', true, null],
      ['field_name', 'character varying(100)', true, null],
      ['column_type', 'character varying(20)', true, null],
      ['page_number', 'integer', true, null],
      ['x0', 'numeric(10,4)', true, null],
      ['y0', 'numeric(10,4)', true, null],
      ['x1', 'numeric(10,4)', true, null],
      ['y1', 'numeric(10,4)', true, null],
      ['extraction_method', 'character varying(50)', true, null],
      ['confidence', ratio, true, null],
      ['matched_text', 'character varying(500)', true, null],
      created,
      updated,
    ],
    indexes: [
      { columns: 'document_upload_id', unique: false },
      { columns: 'table_name,field_name', unique: false },
      { columns: 'table_name,record_id', unique: false },
      { columns: 'page_number', unique: false },
    ],
    foreignKeys: [{ column: 'document_upload_id', references: 'document_uploads', onDelete: 'CASCADE' }],
  },
  pyod_model_selection_log: {
    columns: [
      ['id', 'integer', false, "nextval('pyod_model_selection_log_id_seq'::regclass)"],
      ['property_id', 'integer', true, null],
      ['account_code', 'character varying(50)', true, null],
      ['data_characteristics', 'jsonb', true, null],
      ['llm_recommended_models', 'jsonb', true, null],
      ['selected_model', 'character varying(50)', true, null],
      ['selection_reasoning', 'text', true, null],
      ['cross_validation_score', ratio, true, null],
      ['actual_precision', ratio, true, null],
      ['actual_recall', ratio, true, null],
      ['selected_at', ts, true, 'now()'],
    ],
    indexes: [
      { columns: 'property_id', unique: false },
      { columns: 'account_code', unique: false },
      { columns: 'selected_model', unique: false },
    ],
    foreignKeys: [{ column: 'property_id', references: 'properties', onDelete: 'CASCADE' }],
  },
};
