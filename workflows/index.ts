/** Every workflow the worker runs. */
export { batchReprocessWorkflow } from './batch-reprocess';
