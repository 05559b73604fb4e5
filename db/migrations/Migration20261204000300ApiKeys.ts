import { Migration } from '@mikro-orm/migrations';

/**
 * API keys of the HTTP API, one or more per user. Only a SHA-256 hash of each
 * key is stored, so a leaked table does not leak usable keys; `key_prefix` is
 * the public part of the key, used to find the row and to name a key in lists.
 * A revoked key keeps its row (with `revoked_at` set) so audits can still
 * name it.
 *
 * `down()` drops the table and with it every key: the API then rejects all
 * requests until new keys are created.
 */
export class Migration20261204000300ApiKeys extends Migration {
  override up(): void {
    this.addSql(`create table "api_keys" ("id" serial primary key, "user_id" int not null, "key_prefix" varchar(32) not null, "key_hash" char(64) not null, "label" varchar(100) null, "created_at" timestamptz not null default now(), "last_used_at" timestamptz null, "revoked_at" timestamptz null);`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_key_prefix_unique" unique ("key_prefix");`);
    this.addSql(`create index "api_keys_user_id_index" on "api_keys" ("user_id");`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
  }

  override down(): void {
    this.addSql('drop table if exists "api_keys" cascade;');
  }
}
