/** What the routes need: the database, the Temporal client and the task queue that jobs start on. */
import type { Knex } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';

export interface ApiContext {
  knex: Knex;
  temporal: Client;
  /** Task queue of started job workflows (the worker's queue). */
  taskQueue: string;
  /** How long a progress query waits for a worker before the job row is used instead; default 2000 ms. */
  progressQueryTimeoutMs?: number;
}
