/** Reads a table's shape from PostgreSQL's catalogs (never from the ORM's metadata). */
import type pg from 'pg';

import type { ColumnSpec } from './expected-schema';

export async function tableNames(client: pg.Client): Promise<string[]> {
  const result = await client.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  );
  return result.rows.map((row) => row.table_name);
}

export async function columnsOf(client: pg.Client, table: string): Promise<ColumnSpec[]> {
  const result = await client.query<{ column_name: string; type: string; is_nullable: string; column_default: string | null }>(
    `select a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type,
            case when a.attnotnull then 'NO' else 'YES' end as is_nullable,
            pg_get_expr(d.adbin, d.adrelid) as column_default
       from pg_attribute a
       left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
      order by a.attnum`,
    [table],
  );
  return result.rows.map((row) => [row.column_name, row.type, row.is_nullable === 'YES', row.column_default]);
}

/** Every index on the table except the primary key, as "col1,col2" with its uniqueness. */
export async function indexesOf(client: pg.Client, table: string): Promise<{ columns: string; unique: boolean }[]> {
  const result = await client.query<{ columns: string; unique: boolean }>(
    `select string_agg(a.attname, ',' order by k.ord) as columns, i.indisunique as unique
       from pg_index i
       cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
       join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
      where i.indrelid = $1::regclass and not i.indisprimary
      group by i.indexrelid, i.indisunique`,
    [table],
  );
  return result.rows.sort((a, b) => a.columns.localeCompare(b.columns));
}

export async function foreignKeysOf(client: pg.Client, table: string): Promise<{ column: string; references: string; onDelete: string }[]> {
  const result = await client.query<{ column: string; references: string; on_delete: string }>(
    `select kcu.column_name as column, ccu.table_name as references, rc.delete_rule as on_delete
       from information_schema.table_constraints tc
       join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_name = tc.table_name
       join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
       join information_schema.referential_constraints rc on rc.constraint_name = tc.constraint_name
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_name = $1
      order by kcu.column_name`,
    [table],
  );
  return result.rows.map((row) => ({ column: row.column, references: row.references, onDelete: row.on_delete }));
}
