// The runtime suite in a browser page: bundled by esbuild, it reads its configuration from the
// page's `#` fragment and leaves its result in `window.runtimeSuiteResult` for the test driver.
import { runSuite, type SuiteConfig } from './suite.js';

/** What the page reports. */
export interface BrowserSuiteResult {
  readonly passed: string[];
  readonly error?: string;
}

const target = globalThis as { runtimeSuiteResult?: BrowserSuiteResult; location?: Location };
const config = JSON.parse(decodeURIComponent(target.location?.hash.slice(1) ?? '')) as SuiteConfig;
runSuite(config).then(
  (passed) => {
    target.runtimeSuiteResult = { passed };
  },
  (error: unknown) => {
    target.runtimeSuiteResult = {
      passed: [],
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  },
);
