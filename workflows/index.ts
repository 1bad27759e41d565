// Entry point of the workflow bundle: every workflow the worker runs.
export { candidateWorkflow } from './candidate';
