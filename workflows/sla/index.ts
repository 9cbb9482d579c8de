export { SlaClock, type ClockContext } from './clock';
export * from './messages';
export { installSupervision, validateSupervisorAct, type SupervisedCase } from './supervision';
