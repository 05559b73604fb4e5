import { Migration } from '@mikro-orm/migrations';

/**
 * Phase 1: six new tables (explanations, the model cache, cross-property
 * benchmarks, batch reprocessing jobs, PDF field coordinates, the model
 * selection log) and four new columns on `anomaly_feedback`. Table and column
 * names are fixed because deployed reports read them.
 *
 * `down()` removes exactly these changes and leaves every base-table row in
 * place; the rows of the six Phase-1 tables and the four feedback columns are
 * dropped with them.
 */
export class Migration20261204000100Phase1 extends Migration {
  override up(): void {
    this.addSql(`create table "anomaly_explanations" ("id" serial primary key, "anomaly_detection_id" int not null, "root_cause_type" varchar(50) not null, "root_cause_description" text not null, "contributing_factors" jsonb null, "shap_values" jsonb null, "shap_base_value" numeric(10,4) null, "shap_feature_importance" jsonb null, "lime_explanation" jsonb null, "lime_intercept" numeric(10,4) null, "lime_score" numeric(5,4) null, "suggested_actions" jsonb null, "action_category" varchar(50) null, "explanation_generated_at" timestamptz null, "explanation_method" varchar(20) null, "computation_time_ms" int null, "created_at" timestamptz null default now());`);
    this.addSql(`create index "anomaly_explanations_anomaly_detection_id_index" on "anomaly_explanations" ("anomaly_detection_id");`);
    this.addSql(`create index "anomaly_explanations_root_cause_type_index" on "anomaly_explanations" ("root_cause_type");`);
    this.addSql(`create table "anomaly_model_cache" ("id" serial primary key, "model_key" varchar(255) not null, "property_id" int null, "account_code" varchar(50) null, "model_type" varchar(50) not null, "model_binary" bytea null, "model_metadata" jsonb null, "model_version" varchar(20) null, "training_accuracy" numeric(5,4) null, "validation_accuracy" numeric(5,4) null, "precision_score" numeric(5,4) null, "recall_score" numeric(5,4) null, "f1_score" numeric(5,4) null, "training_data_size" int null, "training_date_range" jsonb null, "trained_at" timestamptz null default now(), "last_used_at" timestamptz null, "use_count" int null default 0, "is_active" boolean null default true, "expires_at" timestamptz null, "created_at" timestamptz null default now(), "updated_at" timestamptz null default now());`);
    this.addSql(`alter table "anomaly_model_cache" add constraint "anomaly_model_cache_model_key_unique" unique ("model_key");`);
    this.addSql(`create index "anomaly_model_cache_property_id_index" on "anomaly_model_cache" ("property_id");`);
    this.addSql(`create index "anomaly_model_cache_model_type_index" on "anomaly_model_cache" ("model_type");`);
    this.addSql(`create index "anomaly_model_cache_is_active_expires_at_index" on "anomaly_model_cache" ("is_active", "expires_at");`);
    this.addSql(`create table "cross_property_benchmarks" ("id" serial primary key, "account_code" varchar(50) not null, "benchmark_period" date not null, "property_group" varchar(50) null, "portfolio_mean" numeric(15,2) null, "portfolio_median" numeric(15,2) null, "portfolio_std" numeric(15,2) null, "percentile_25" numeric(15,2) null, "percentile_75" numeric(15,2) null, "percentile_90" numeric(15,2) null, "percentile_95" numeric(15,2) null, "property_count" int not null, "property_ids" jsonb null, "calculated_at" timestamptz null default now(), "created_at" timestamptz null default now(), "updated_at" timestamptz null default now());`);
    this.addSql(`create index "cross_property_benchmarks_account_code_index" on "cross_property_benchmarks" ("account_code");`);
    this.addSql(`create index "cross_property_benchmarks_benchmark_period_index" on "cross_property_benchmarks" ("benchmark_period");`);
    this.addSql(`create index "cross_property_benchmarks_property_group_index" on "cross_property_benchmarks" ("property_group");`);
    this.addSql(`alter table "cross_property_benchmarks" add constraint "cross_property_benchmarks_account_period_group_unique" unique ("account_code", "benchmark_period", "property_group");`);
    this.addSql(`create table "batch_reprocessing_jobs" ("id" serial primary key, "job_name" varchar(255) null, "initiated_by" int null, "property_ids" jsonb null, "date_range_start" date null, "date_range_end" date null, "document_types" jsonb null, "extraction_status_filter" varchar(50) null, "status" varchar(50) null default 'queued', "celery_task_id" varchar(255) null, "total_documents" int null default 0, "processed_documents" int null default 0, "successful_count" int null default 0, "failed_count" int null default 0, "skipped_count" int null default 0, "results_summary" jsonb null, "started_at" timestamptz null, "completed_at" timestamptz null, "estimated_completion_at" timestamptz null, "created_at" timestamptz null default now(), "updated_at" timestamptz null default now());`);
    this.addSql(`create index "batch_reprocessing_jobs_initiated_by_index" on "batch_reprocessing_jobs" ("initiated_by");`);
    this.addSql(`create index "batch_reprocessing_jobs_status_index" on "batch_reprocessing_jobs" ("status");`);
    this.addSql(`create index "batch_reprocessing_jobs_created_at_index" on "batch_reprocessing_jobs" ("created_at");`);
    this.addSql(`create table "pdf_field_coordinates" ("id" serial primary key, "document_upload_id" int not null, "table_name" varchar(50) null, "record_id" int null, "field_name" varchar(100) null, "column_type" varchar(20) null, "page_number" int null, "x0" numeric(10,4) null, "y0" numeric(10,4) null, "x1" numeric(10,4) null, "y1" numeric(10,4) null, "extraction_method" varchar(50) null, "confidence" numeric(5,4) null, "matched_text" varchar(500) null, "created_at" timestamptz null default now(), "updated_at" timestamptz null default now());`);
    this.addSql(`create index "pdf_field_coordinates_document_upload_id_index" on "pdf_field_coordinates" ("document_upload_id");`);
    this.addSql(`create index "pdf_field_coordinates_page_number_index" on "pdf_field_coordinates" ("page_number");`);
    this.addSql(`create index "pdf_field_coordinates_table_name_field_name_index" on "pdf_field_coordinates" ("table_name", "field_name");`);
    this.addSql(`create index "pdf_field_coordinates_table_name_record_id_index" on "pdf_field_coordinates" ("table_name", "record_id");`);
    this.addSql(`create table "pyod_model_selection_log" ("id" serial primary key, "property_id" int null, "account_code" varchar(50) null, "data_characteristics" jsonb null, "llm_recommended_models" jsonb null, "selected_model" varchar(50) null, "selection_reasoning" text null, "cross_validation_score" numeric(5,4) null, "actual_precision" numeric(5,4) null, "actual_recall" numeric(5,4) null, "selected_at" timestamptz null default now());`);
    this.addSql(`create index "pyod_model_selection_log_property_id_index" on "pyod_model_selection_log" ("property_id");`);
    this.addSql(`create index "pyod_model_selection_log_account_code_index" on "pyod_model_selection_log" ("account_code");`);
    this.addSql(`create index "pyod_model_selection_log_selected_model_index" on "pyod_model_selection_log" ("selected_model");`);
    this.addSql(`alter table "anomaly_explanations" add constraint "anomaly_explanations_anomaly_detection_id_foreign" foreign key ("anomaly_detection_id") references "anomaly_detections" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "anomaly_model_cache" add constraint "anomaly_model_cache_property_id_foreign" foreign key ("property_id") references "properties" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "batch_reprocessing_jobs" add constraint "batch_reprocessing_jobs_initiated_by_foreign" foreign key ("initiated_by") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "pdf_field_coordinates" add constraint "pdf_field_coordinates_document_upload_id_foreign" foreign key ("document_upload_id") references "document_uploads" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "pyod_model_selection_log" add constraint "pyod_model_selection_log_property_id_foreign" foreign key ("property_id") references "properties" ("id") on update cascade on delete cascade;`);    this.addSql(`alter table "anomaly_feedback" add column "feedback_confidence" numeric(5,4) null default 1.0, add column "business_context" text null, add column "learned_applied" boolean null default false, add column "similar_anomalies_suppressed" int null default 0;`);
  }

  override down(): void {
    this.addSql('alter table "anomaly_feedback" drop column "feedback_confidence", drop column "business_context", drop column "learned_applied", drop column "similar_anomalies_suppressed";');
    this.addSql('drop table if exists "pyod_model_selection_log" cascade;');
    this.addSql('drop table if exists "pdf_field_coordinates" cascade;');
    this.addSql('drop table if exists "batch_reprocessing_jobs" cascade;');
    this.addSql('drop table if exists "cross_property_benchmarks" cascade;');
    this.addSql('drop table if exists "anomaly_model_cache" cascade;');
    this.addSql('drop table if exists "anomaly_explanations" cascade;');
  }
}
