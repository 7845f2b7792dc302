/**
 * The environment for child processes: this process's own, minus what `pnpm run` and npm inject
 * (`npm_config_*`, `npm_package_*`, …) and `NODE_PATH`, so that neither the workspace's settings
 * nor its modules leak into the copy or the consumer apps; plus settings that keep every tool
 * quiet and off the network (no update checks, no telemetry).
 *
 * @param {Record<string, string>} [extra] added last, so they win
 * @returns {NodeJS.ProcessEnv}
 */
export function createChildEnvironment(extra = {}) {
  /** @type {NodeJS.ProcessEnv} */
  const environment = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (isInjectedByPackageManager(key) || key === 'NODE_PATH') continue;
    environment[key] = value;
  }
  return {
    ...environment,
    CI: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    TURBO_TELEMETRY_DISABLED: '1',
    TURBO_NO_UPDATE_NOTIFIER: '1',
    DO_NOT_TRACK: '1',
    ...extra,
  };
}

/**
 * @param {string} key
 * @returns {boolean}
 */
function isInjectedByPackageManager(key) {
  return (
    /^npm_/i.test(key) ||
    /^pnpm_config_/i.test(key) ||
    key === 'PNPM_SCRIPT_SRC_DIR' ||
    key === 'INIT_CWD'
  );
}
