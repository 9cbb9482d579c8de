import { sha256Hex } from './codec';

/**
 * What the archive records as the code that ran a case: the app's version and the first twelve
 * hex digits of the workflow bundle's sha256 (the bundle is the workflow code byte for byte).
 */
export function workflowCodeVersion(appVersion: string, bundleCode: string): string {
  return `${appVersion}+wf.${sha256Hex(bundleCode).slice(0, 12)}`;
}
