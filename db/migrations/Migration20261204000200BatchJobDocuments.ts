import { Migration } from '@mikro-orm/migrations';

/**
 * Per-document outcomes of batch jobs. The (job, document) primary key lets
 * the reprocessing activity record an outcome idempotently, so retries and
 * replays never count a document twice; job counters are derived from it.
 */
export class Migration20261204000200BatchJobDocuments extends Migration {
  override up(): void {
    this.addSql(`create table "batch_job_documents" ("job_id" int not null, "document_upload_id" int not null, "outcome" varchar(20) check ("outcome" in ('succeeded', 'failed', 'skipped')) not null, "reason" text null, "detection_count" int not null default 0, "duration_ms" int not null default 0, "processed_at" timestamptz not null default now(), constraint "batch_job_documents_pkey" primary key ("job_id", "document_upload_id"));`);
    this.addSql(`create index "batch_job_documents_document_upload_id_index" on "batch_job_documents" ("document_upload_id");`);
    this.addSql(`alter table "batch_job_documents" add constraint "batch_job_documents_job_id_foreign" foreign key ("job_id") references "batch_reprocessing_jobs" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "batch_job_documents" add constraint "batch_job_documents_document_upload_id_foreign" foreign key ("document_upload_id") references "document_uploads" ("id") on update cascade on delete cascade;`);  }

  override down(): void {
    this.addSql('drop table if exists "batch_job_documents" cascade;');
  }
}
