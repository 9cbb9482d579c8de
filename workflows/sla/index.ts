export { SlaClock, type ClockContext } from './clock';
export * from './messages';
export { installSupervision, type SupervisedCase } from './supervision';
