// The test run's configuration: the same parser as the processes, so the same keys work.
import { parseConfig } from '../../infra/config';

export const testConfig = parseConfig(process.env);
