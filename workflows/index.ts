// The workflow bundle's entry: every workflow type the worker serves.
export { pingWorkflow } from './ping';
export { policyMatchingWorkflow } from './policy-matching';
export { historyArchiveWorkflow } from './history-archive';
export { applicationWorkflow } from './application/workflow';
export { proxyCaseWorkflow } from './proxy/workflow';
export { appealWorkflow } from './appeal/workflow';
