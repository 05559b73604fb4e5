/**
 * Structured logging: a fixed message plus fields, written as JSON lines to
 * stderr so that command output on stdout stays clean for scripts.
 */
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, base: { pid: process.pid } }, pino.destination(2));
}
