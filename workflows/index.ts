/** Every workflow the worker runs. */
export { batchReprocessWorkflow } from './batch-reprocess';
export { trainModelsWorkflow } from './train-models';
