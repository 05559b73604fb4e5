import { Migration } from '@mikro-orm/migrations';

/**
 * The base schema: the product's core tables (users, properties, uploaded
 * documents and their line items, detections and analysts' feedback), as an
 * existing deployment already has them. `down()` drops them all, and with them
 * their rows: it exists for empty development databases.
 */
export class Migration20261204000000BaseSchema extends Migration {
  override up(): void {
    this.addSql(`create table "users" ("id" serial primary key, "email" varchar(320) not null, "name" varchar(255) not null, "role" varchar(20) check ("role" in ('admin', 'analyst', 'viewer')) not null default 'viewer', "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
    this.addSql(`create table "properties" ("id" serial primary key, "code" varchar(50) not null, "name" varchar(255) not null, "property_group" varchar(50) null, "units" int null, "square_feet" int null, "city" varchar(100) null, "state" varchar(50) null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "properties" add constraint "properties_code_unique" unique ("code");`);
    this.addSql(`create table "document_uploads" ("id" serial primary key, "property_id" int null, "document_type" varchar(30) check ("document_type" in ('balance_sheet', 'income_statement', 'cash_flow', 'rent_roll')) not null, "period_start" date null, "period_end" date null, "upload_date" timestamptz not null default now(), "file_name" varchar(500) not null, "file_sha256" varchar(64) not null, "extraction_status" varchar(20) check ("extraction_status" in ('pending', 'completed', 'failed')) not null default 'pending', "extraction_error" text null, "reprocess_requested_at" timestamptz null, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "document_uploads_property_id_index" on "document_uploads" ("property_id");`);
    this.addSql(`create index "document_uploads_file_sha256_index" on "document_uploads" ("file_sha256");`);
    this.addSql(`create table "financial_line_items" ("id" serial primary key, "document_upload_id" int not null, "line_number" int not null default 0, "account_code" varchar(50) null, "account_name" varchar(255) not null, "amount" numeric(15,2) null, "line_kind" varchar(20) check ("line_kind" in ('detail', 'subtotal', 'total', 'header')) not null, "section" varchar(50) null, "attributes" jsonb null);`);
    this.addSql(`create index "financial_line_items_document_upload_id_index" on "financial_line_items" ("document_upload_id");`);
    this.addSql(`create table "anomaly_detections" ("id" serial primary key, "document_upload_id" int not null, "property_id" int not null, "line_item_id" int null, "account_code" varchar(50) null, "period" date null, "actual_value" numeric(15,2) null, "expected_value" numeric(15,2) null, "score" double precision null, "severity" varchar(10) check ("severity" in ('low', 'medium', 'high', 'critical')) not null, "anomaly_type" varchar(50) not null, "detector" varchar(100) not null, "model_key" varchar(255) null, "batch_job_id" int null, "status" varchar(20) check ("status" in ('open', 'confirmed', 'dismissed')) not null default 'open', "message" text null, "details" jsonb null, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "anomaly_detections_document_upload_id_index" on "anomaly_detections" ("document_upload_id");`);
    this.addSql(`create index "anomaly_detections_property_id_index" on "anomaly_detections" ("property_id");`);
    this.addSql(`create index "anomaly_detections_anomaly_type_index" on "anomaly_detections" ("anomaly_type");`);
    this.addSql(`create index "anomaly_detections_batch_job_id_index" on "anomaly_detections" ("batch_job_id");`);
    this.addSql(`create table "anomaly_feedback" ("id" serial primary key, "anomaly_detection_id" int not null, "user_id" int null, "verdict" varchar(20) check ("verdict" in ('true_positive', 'false_positive', 'expected_change')) not null, "notes" text null, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "anomaly_feedback_anomaly_detection_id_index" on "anomaly_feedback" ("anomaly_detection_id");`);
    this.addSql(`alter table "document_uploads" add constraint "document_uploads_property_id_foreign" foreign key ("property_id") references "properties" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "financial_line_items" add constraint "financial_line_items_document_upload_id_foreign" foreign key ("document_upload_id") references "document_uploads" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "anomaly_detections" add constraint "anomaly_detections_document_upload_id_foreign" foreign key ("document_upload_id") references "document_uploads" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "anomaly_detections" add constraint "anomaly_detections_property_id_foreign" foreign key ("property_id") references "properties" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "anomaly_detections" add constraint "anomaly_detections_line_item_id_foreign" foreign key ("line_item_id") references "financial_line_items" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "anomaly_feedback" add constraint "anomaly_feedback_anomaly_detection_id_foreign" foreign key ("anomaly_detection_id") references "anomaly_detections" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "anomaly_feedback" add constraint "anomaly_feedback_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete set null;`);  }

  override down(): void {
    this.addSql('drop table if exists "anomaly_feedback" cascade;');
    this.addSql('drop table if exists "anomaly_detections" cascade;');
    this.addSql('drop table if exists "financial_line_items" cascade;');
    this.addSql('drop table if exists "document_uploads" cascade;');
    this.addSql('drop table if exists "properties" cascade;');
    this.addSql('drop table if exists "users" cascade;');
  }
}
