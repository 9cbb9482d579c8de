// The test run's configuration: the same parser as the processes, so the same keys work.
import { ConfigError, parseConfig } from '../../infra/config';

export const testConfig = parseConfig(process.env);

/** The message of the ConfigError an environment gets; fails the test when it is accepted. */
export function configErrorOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('the configuration was accepted');
}
