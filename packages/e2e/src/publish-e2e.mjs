#!/usr/bin/env node
// `pnpm e2e:publish`: releases the committed HEAD with changesets to a throwaway local registry
// (verdaccio on 127.0.0.1) and installs the result with plain npm in fresh directories outside
// the workspace, the way a user would. What it checks, step by step: packages/e2e/README.md.
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  installedPackageNames,
  markdownCodeBlocks,
  serveCompanionEndpoints,
  serveResponsesWebsocket,
  startResponsesServer,
} from '@codex/testkit';
import { SERVER_URL_VARIABLE } from '../fixtures/sse-server.cjs';
import { CheckFailure, createCheckLog, formatSeconds } from './check-log.mjs';
import { createChildEnvironment } from './child-environment.mjs';
import {
  ALLOWED_THIRD_PARTY,
  createConsumerApp,
  FIXTURES_DIRECTORY,
  inspectInstalledTree,
  npmInstall,
  runConsumerScript,
} from './consumer-app.mjs';
import { startLocalRegistry } from './local-registry.mjs';
import { REPOSITORY_ROOT, runReadmeBlocks } from './readme-blocks.mjs';
import {
  cloneHead,
  nextPatchVersion,
  readWorkspacePackages,
  THROWAWAY_CHANGESET,
  THROWAWAY_SUMMARY,
  viewPublished,
  writeThrowawayChangeset,
} from './release-from-copy.mjs';
import { CommandError, runCommand, stopRunningCommands } from './run-command.mjs';
import { startConsumerServer } from './start-consumer-server.mjs';

/** The packages a release must publish; any other public workspace package is released too. */
const EXPECTED_PUBLISHED = [
  '@codex/api',
  '@codex/client',
  '@codex/protocol',
  '@codex/provider-bedrock',
];

/** The third-party provider package published from outside the workspace. */
const ACME_PACKAGE = { name: 'codex-provider-acme', version: '1.0.0' };

/** Keep the temporary directory (for debugging) when this is `1`. */
const KEEP_TEMPORARY_FILES = process.env.E2E_PUBLISH_KEEP === '1';

const log = createCheckLog({ totalSteps: 9 });

/**
 * Everything the steps share.
 *
 * @typedef {object} RunContext
 * @property {string} root the temporary directory holding everything this run creates
 * @property {string} repositoryRoot the real repository (only read)
 * @property {string} copy the clone of HEAD the release runs in
 * @property {import('./local-registry.mjs').LocalRegistry} registry
 * @property {NodeJS.ProcessEnv} npmEnvironment for every command that talks to the local registry
 * @property {Record<string, string>} publishedVersions name → version released in this run
 * @property {NodeJS.ProcessEnv} consumerEnvironment for the consumer scripts: the URL of the SSE
 *   server they stream from (started here, on `@codex/testkit`) in CODEX_E2E_SERVER_URL
 * @property {NodeJS.ProcessEnv} readmeEnvironment for the README's code blocks: a
 *   `@codex/testkit` Responses server in OPENAI_BASE_URL and CODEX_EXAMPLE_BASE_URL, test keys
 */

/**
 * Whether semver `a` is lower than `b` (plain `major.minor.patch` versions).
 *
 * @param {string} a
 * @param {string} b
 * @returns {boolean}
 */
function isLowerVersion(a, b) {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  for (let index = 0; index < 3; index++) {
    if (x[index] !== y[index]) return x[index] < y[index];
  }
  return false;
}

/**
 * What this run created, so that {@link cleanUp} can remove it whichever way the run ends.
 *
 * @type {{
 *   root?: string,
 *   registry?: import('./local-registry.mjs').LocalRegistry,
 *   consumerServer?: { url: string, close: () => Promise<void> },
 *   readmeServer?: { close: () => Promise<void> },
 * }}
 */
const created = {};

/** @type {Promise<void> | undefined} */
let cleanupDone;

/**
 * Set by SIGINT/SIGTERM: the run stops, cleans up and exits with 128 + the signal number.
 *
 * @type {{ signal: NodeJS.Signals, exitCode: number } | undefined}
 */
let interruption;

await main();

async function main() {
  const startedAt = Date.now();
  installSignalHandlers();
  let exitCode = 0;
  try {
    await run();
    log.finish();
    console.log(
      `e2e:publish: ${log.passedCount()} checks passed in ${formatSeconds(Date.now() - startedAt)}`,
    );
  } catch (error) {
    log.finish();
    exitCode = 1;
    if (interruption === undefined) {
      await printRegistryLogTail();
      reportFailure(error);
    }
  } finally {
    await cleanUp();
  }
  if (interruption !== undefined) {
    console.error(`e2e:publish: FAILED: interrupted by ${interruption.signal}`);
    exitCode = interruption.exitCode;
  }
  // verdaccio keeps timers and agents alive after its server has closed.
  process.exit(exitCode);
}

/**
 * Stops the running commands and the registry and removes the temporary directory; runs once,
 * every later call returns the same promise.
 *
 * @returns {Promise<void>}
 */
function cleanUp() {
  cleanupDone ??= (async () => {
    await stopRunningCommands();
    await created.consumerServer?.close();
    await created.readmeServer?.close();
    await created.registry?.stop();
    if (created.root === undefined) return;
    if (KEEP_TEMPORARY_FILES) {
      console.log(`e2e:publish: kept ${created.root} (E2E_PUBLISH_KEEP=1)`);
    } else {
      await rm(created.root, { recursive: true, force: true, maxRetries: 3 });
    }
  })();
  return cleanupDone;
}

async function run() {
  const repositoryRoot = await findRepositoryRoot();
  const root = await realpath(await mkdtemp(join(tmpdir(), 'codex-e2e-publish-')));
  created.root = root;
  if (isInside(root, repositoryRoot))
    throw new CheckFailure(`temporary directory ${root} is inside the repository`);

  log.step('start the local registry');
  const uplinkUrl = await readNpmRegistry(repositoryRoot);
  const registry = await startLocalRegistry({ directory: join(root, 'registry'), uplinkUrl });
  created.registry = registry;
  log.pass(
    `verdaccio answers at ${registry.url} (other packages proxied to ${uplinkUrl}, @codex/* local only)`,
  );
  const npmEnvironment = await createNpmEnvironment({ root, registry });
  const consumerServer = await startConsumerServer();
  created.consumerServer = consumerServer;
  log.note(`the consumers' SSE server (@codex/testkit) answers at ${consumerServer.url}`);
  const readmeServer = await startResponsesServer();
  created.readmeServer = readmeServer;
  serveCompanionEndpoints(readmeServer);
  serveResponsesWebsocket(readmeServer);

  /** @type {RunContext} */
  const context = {
    root,
    repositoryRoot,
    copy: join(root, 'repository'),
    registry,
    npmEnvironment,
    publishedVersions: {},
    consumerEnvironment: createChildEnvironment({ [SERVER_URL_VARIABLE]: consumerServer.url }),
    readmeEnvironment: createChildEnvironment({
      OPENAI_BASE_URL: readmeServer.baseUrl,
      OPENAI_API_KEY: 'sk-e2e-readme',
      CODEX_EXAMPLE_BASE_URL: readmeServer.baseUrl,
      CODEX_EXAMPLE_API_KEY: 'e2e-readme',
    }),
  };
  await prepareCopy(context);
  await versionPackages(context);
  await releasePackages(context);
  await verifyRegistry(context);
  await checkApiOnlyApp(context);
  await checkApiOnlyAppWithPnpm(context);
  await checkBedrockOnlyApp(context);
  await checkThirdPartyProvider(context);
}

/**
 * Step 2: clone HEAD into the temporary directory and install it from the pnpm store.
 *
 * @param {RunContext} context
 */
async function prepareCopy(context) {
  log.step('copy the committed HEAD and install it');
  const env = createChildEnvironment();
  const commit = await cloneHead({
    repositoryRoot: context.repositoryRoot,
    destination: context.copy,
    env,
  });
  log.note(
    `cloned ${commit.slice(0, 12)} into ${context.copy} (uncommitted changes are not part of the check)`,
  );
  await runCommand({
    command: 'pnpm',
    args: ['install', '--frozen-lockfile', '--prefer-offline'],
    cwd: context.copy,
    env,
  });
  log.pass('pnpm install --frozen-lockfile --prefer-offline in the copy');
}

/**
 * Step 3: a throwaway changeset bumping every public package by a patch, `pnpm changeset status`
 * for the release plan (changesets already pending in the repository take part, so a package may
 * get more than a patch), then `pnpm version-packages` (the README's steps 2 and 3), which must
 * apply exactly that plan.
 *
 * @param {RunContext} context
 */
async function versionPackages(context) {
  log.step('version: throwaway changeset, then pnpm version-packages');
  const before = (await readWorkspacePackages(context.copy)).filter((item) => !item.isPrivate);
  const names = before.map((item) => item.name);
  const missing = EXPECTED_PUBLISHED.filter((name) => !names.includes(name));
  log.check(
    missing.length === 0,
    `public packages: ${names.join(', ')}`,
    `not public: ${missing.join(', ')}`,
  );

  await writeThrowawayChangeset({ workspaceRoot: context.copy, packageNames: names });
  const planFile = join(context.root, 'changeset-status.json');
  await runCommand({
    command: 'pnpm',
    args: ['changeset', 'status', `--output=${planFile}`],
    cwd: context.copy,
    env: createChildEnvironment(),
  });
  /** @type {{ releases: Array<{ name: string, newVersion: string }> }} */
  const plan = JSON.parse(await readFile(planFile, 'utf8'));
  log.pass(`pnpm changeset status planned ${plan.releases.length} packages`);
  await runCommand({
    command: 'pnpm',
    args: ['version-packages'],
    cwd: context.copy,
    env: createChildEnvironment(),
  });

  const after = await readWorkspacePackages(context.copy);
  for (const previous of before) {
    const current = after.find((item) => item.name === previous.name);
    const expected = plan.releases.find((release) => release.name === previous.name)?.newVersion;
    log.check(
      expected !== undefined && !isLowerVersion(expected, nextPatchVersion(previous.version)),
      `${previous.name} is planned at ${expected}, at least a patch over ${previous.version}`,
      `${previous.name} is planned at ${expected}, less than a patch over ${previous.version}`,
    );
    log.check(
      current?.version === expected,
      `${previous.name} ${previous.version} → ${expected}`,
      `${previous.name} is at ${current?.version} after changeset version, expected ${expected}`,
    );
    const changelog = await readFile(join(previous.directory, 'CHANGELOG.md'), 'utf8').catch(
      () => '',
    );
    log.check(
      changelog.includes(`## ${expected}`) && changelog.includes(THROWAWAY_SUMMARY),
      `${previous.name} CHANGELOG.md has the ${expected} entry`,
      `${previous.name} CHANGELOG.md lacks the ${expected} entry`,
    );
    context.publishedVersions[previous.name] = expected;
  }
  const changesetLeft = await readFile(join(context.copy, '.changeset', THROWAWAY_CHANGESET)).then(
    () => true,
    () => false,
  );
  log.check(
    !changesetLeft,
    'the applied changeset was removed',
    'changeset version left the changeset file',
  );
}

/**
 * Step 4: `pnpm release` (build every package, then `changeset publish`) against the local registry.
 *
 * @param {RunContext} context
 */
async function releasePackages(context) {
  log.step('release: pnpm release (turbo build + changeset publish) to the local registry');
  const env = {
    ...context.npmEnvironment,
    // `changeset publish` tags each release in the copy; a tag needs an identity.
    GIT_AUTHOR_NAME: 'e2e-publish',
    GIT_AUTHOR_EMAIL: 'e2e-publish@localhost',
    GIT_COMMITTER_NAME: 'e2e-publish',
    GIT_COMMITTER_EMAIL: 'e2e-publish@localhost',
  };
  await runCommand({
    command: 'pnpm',
    args: ['release'],
    cwd: context.copy,
    env,
    timeoutMs: 480_000,
  });
  log.pass('pnpm release exited 0');

  const { stdout } = await runCommand({
    command: 'git',
    args: ['tag', '--list'],
    cwd: context.copy,
    env,
  });
  const tags = stdout.split('\n').map((line) => line.trim());
  for (const [name, version] of Object.entries(context.publishedVersions)) {
    log.check(tags.includes(`${name}@${version}`), `git tag ${name}@${version} in the copy`);
  }
}

/**
 * Step 5: what is on the registry now: every release at its version with real dependency ranges,
 * and no private package.
 *
 * @param {RunContext} context
 */
async function verifyRegistry(context) {
  log.step('verify the registry with npm view');
  const view = (/** @type {string} */ spec) =>
    viewPublished({ spec, env: context.npmEnvironment, cwd: context.root });
  const releases = Object.entries(context.publishedVersions);
  // Only names the registry keeps local can be checked: any other name is proxied to the public
  // registry, where a stranger's package of that name may well exist.
  const privateNames = (await readWorkspacePackages(context.copy))
    .filter((item) => item.isPrivate && item.name.startsWith('@codex/'))
    .map((item) => item.name);
  // Each `npm view` is a separate npm start-up; asking all at once saves seconds on a slow box.
  const [releaseViews, privateViews] = await Promise.all([
    Promise.all(releases.map(([name, version]) => view(`${name}@${version}`))),
    Promise.all(privateNames.map((name) => view(name))),
  ]);
  releases.forEach(([name, version], index) => {
    const result = releaseViews[index];
    log.check(
      result?.found === true && result.metadata.version === version,
      `${name}@${version} is on the registry`,
    );
    if (result?.found === true) checkPublishedDependencies(context, name, result.metadata);
  });
  privateNames.forEach((name, index) => {
    log.check(privateViews[index]?.found === false, `private ${name} was not published`);
  });
  const contents = await Promise.all(
    releases.map(([name, version]) => publishedFiles(context, `${name}@${version}`)),
  );
  releases.forEach(([name, version], index) => {
    const files = contents[index] ?? [];
    const missing = ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json'].filter(
      (file) => !files.includes(file),
    );
    log.check(
      missing.length === 0,
      `${name}@${version} tarball holds LICENSE, README.md and CHANGELOG.md`,
      `${name}@${version} tarball lacks ${missing.join(', ')}`,
    );
  });
}

/**
 * The files of a published tarball, as `npm pack --dry-run` lists them from the registry.
 *
 * @param {RunContext} context
 * @param {string} spec
 * @returns {Promise<string[]>}
 */
async function publishedFiles(context, spec) {
  const { stdout } = await runCommand({
    command: 'npm',
    args: ['pack', spec, '--dry-run', '--json'],
    cwd: context.root,
    env: context.npmEnvironment,
    timeoutMs: 60_000,
  });
  /** @type {Array<{ files: Array<{ path: string }> }>} */
  const packed = JSON.parse(stdout);
  return (packed[0]?.files ?? []).map((file) => file.path);
}

/**
 * A published manifest's dependencies: registry ranges only (pnpm replaced every `workspace:`),
 * and the internal ones pointing at this very release.
 *
 * @param {RunContext} context
 * @param {string} name
 * @param {Record<string, any>} metadata `npm view --json` of one version
 */
function checkPublishedDependencies(context, name, metadata) {
  const ranges = Object.entries(metadata.dependencies ?? {}).map(([dependency, range]) => [
    dependency,
    String(range),
  ]);
  const describe = (/** @type {string[][]} */ list) =>
    list.map(([dependency, range]) => `${dependency} ${range}`).join(', ');
  const protocolRanges = ranges.filter(([, range]) => /^(workspace|link|file):/.test(range ?? ''));
  log.check(
    protocolRanges.length === 0,
    `${name} dependencies are registry ranges (${describe(ranges)})`,
    `${name} was published with ${describe(protocolRanges)}`,
  );
  const stale = ranges.filter(([dependency, range]) => {
    const released = context.publishedVersions[dependency ?? ''];
    return released !== undefined && range !== `^${released}`;
  });
  log.check(
    stale.length === 0,
    `${name} depends on this release of its @codex dependencies`,
    `${name} depends on ${describe(stale)}`,
  );
}

/**
 * Step 6: an app that installs only `@codex/api`: the tree holds nothing unexpected, and an ESM
 * and a CJS script load it and stream a turn through `ModelClient` and the OpenAI provider.
 *
 * @param {RunContext} context
 */
async function checkApiOnlyApp(context) {
  log.step('fresh app: npm install @codex/api only');
  const directory = join(context.root, 'app-api');
  const apiVersion = publishedVersion(context, '@codex/api');
  await createConsumerApp({
    directory,
    name: 'e2e-app-api',
    fixtures: [
      'consumer-esm.mjs',
      'consumer-cjs.cjs',
      'consumer-report.cjs',
      'sse-server.cjs',
      'stream-turn.cjs',
    ],
  });
  await npmInstall({ directory, specs: [`@codex/api@${apiVersion}`], env: context.npmEnvironment });
  log.pass(`npm install @codex/api@${apiVersion}`);
  await checkTree(context, directory, ['@codex/api', '@codex/client', '@codex/protocol']);

  const esm = await runConsumerScript({
    directory,
    script: 'consumer-esm.mjs',
    env: context.consumerEnvironment,
  });
  for (const description of esm.passed) log.pass(`ESM: ${description}`);
  const cjs = await runConsumerScript({
    directory,
    script: 'consumer-cjs.cjs',
    env: context.consumerEnvironment,
  });
  for (const description of cjs.passed) log.pass(`CJS: ${description}`);
  const esmNames = esm.exports['@codex/api esm'];
  const cjsNames = cjs.exports['@codex/api cjs'];
  log.check(
    esmNames !== undefined && JSON.stringify(esmNames) === JSON.stringify(cjsNames),
    `@codex/api ESM and CJS builds export the same ${esmNames?.length ?? 0} names`,
    `@codex/api ESM exports ${JSON.stringify(esmNames)} but CJS ${JSON.stringify(cjsNames)}`,
  );
  await installReadmeExtras(context, directory, 'npm');
  for (const description of await runApiReadme(context, directory)) {
    log.pass(`README: ${description}`);
  }
}

/**
 * Step 7: the same with pnpm, whose strict layout lets an app import only what it installed: a
 * fresh directory with only `@codex/api` added runs every code block of the package's README.
 *
 * @param {RunContext} context
 */
async function checkApiOnlyAppWithPnpm(context) {
  log.step('fresh app: pnpm add @codex/api only (strict layout), then its README');
  const directory = join(context.root, 'app-api-pnpm');
  const apiVersion = publishedVersion(context, '@codex/api');
  await createConsumerApp({ directory, name: 'e2e-app-api-pnpm', fixtures: [] });
  await runCommand({
    command: 'pnpm',
    args: [
      'add',
      `@codex/api@${apiVersion}`,
      `--store-dir=${join(context.root, 'pnpm-store')}`,
      '--config.confirmModulesPurge=false',
    ],
    cwd: directory,
    env: context.npmEnvironment,
    timeoutMs: 180_000,
  });
  log.pass(`pnpm add @codex/api@${apiVersion}`);
  const topLevel = await readdir(join(directory, 'node_modules', '@codex')).catch(() => []);
  log.check(
    JSON.stringify(topLevel) === JSON.stringify(['api']),
    'node_modules/@codex holds only api: @codex/protocol and @codex/client are not importable',
    `node_modules/@codex holds ${topLevel.join(', ')}`,
  );
  await installReadmeExtras(context, directory, 'pnpm');
  for (const description of await runApiReadme(context, directory)) {
    log.pass(`README: ${description}`);
  }
}

/**
 * Installs what the `@codex/api` README's install lines name besides `@codex/*` — the optional
 * peers its sections need (`ws` for WebSockets) — as a reader following it would.
 *
 * @param {RunContext} context
 * @param {string} directory
 * @param {'npm' | 'pnpm'} client
 */
async function installReadmeExtras(context, directory, client) {
  const readme = await readFile(join(context.copy, 'packages', 'api', 'README.md'), 'utf8');
  const extras = [
    ...new Set(
      markdownCodeBlocks(readme)
        .filter((block) => block.role === 'shell')
        .flatMap((block) => installedPackageNames(block.code))
        .filter((name) => !name.startsWith('@codex/')),
    ),
  ];
  if (extras.length === 0) return;
  await runCommand({
    command: client,
    args:
      client === 'npm'
        ? ['install', ...extras]
        : ['add', ...extras, `--store-dir=${join(context.root, 'pnpm-store')}`],
    cwd: directory,
    env: context.npmEnvironment,
    timeoutMs: 180_000,
  });
  log.pass(
    `${client} ${client === 'npm' ? 'install' : 'add'} ${extras.join(' ')} (the README's optional peers)`,
  );
}

/**
 * Type-checks and runs every code block of the released `@codex/api` README in an app directory.
 *
 * @param {RunContext} context
 * @param {string} directory
 * @returns {Promise<string[]>}
 */
function runApiReadme(context, directory) {
  return runReadmeBlocks({
    readmePath: join(context.copy, 'packages', 'api', 'README.md'),
    directory,
    env: context.readmeEnvironment,
    typeRoots: join(REPOSITORY_ROOT, 'node_modules', '@types'),
  });
}

/**
 * Step 8: an app that installs only `@codex/provider-bedrock`, without its optional AWS peers.
 *
 * @param {RunContext} context
 */
async function checkBedrockOnlyApp(context) {
  log.step('fresh app: npm install @codex/provider-bedrock only (no AWS peers)');
  const directory = join(context.root, 'app-bedrock');
  const version = publishedVersion(context, '@codex/provider-bedrock');
  await createConsumerApp({
    directory,
    name: 'e2e-app-bedrock',
    fixtures: ['consumer-bedrock.mjs', 'consumer-report.cjs', 'sse-server.cjs', 'stream-turn.cjs'],
  });
  await npmInstall({
    directory,
    specs: [`@codex/provider-bedrock@${version}`],
    env: context.npmEnvironment,
  });
  log.pass(`npm install @codex/provider-bedrock@${version}`);
  await checkTree(context, directory, [
    '@codex/provider-bedrock',
    '@codex/api',
    '@codex/client',
    '@codex/protocol',
  ]);

  const result = await runConsumerScript({
    directory,
    script: 'consumer-bedrock.mjs',
    env: context.consumerEnvironment,
  });
  for (const description of result.passed) log.pass(`ESM: ${description}`);
}

/**
 * Step 9: a provider package written and published outside the workspace, depending on the
 * published `@codex/api` and `@codex/protocol`, installed into a fresh app, swapped into
 * `ModelClient`, its own `mapApiError` reaching the caller.
 *
 * @param {RunContext} context
 */
async function checkThirdPartyProvider(context) {
  log.step(
    `third-party provider: publish ${ACME_PACKAGE.name} from outside the workspace, install it`,
  );
  const apiVersion = publishedVersion(context, '@codex/api');
  const protocolVersion = publishedVersion(context, '@codex/protocol');
  const providerDirectory = join(context.root, ACME_PACKAGE.name);
  await writeAcmePackage({ directory: providerDirectory, apiVersion, protocolVersion });
  await runCommand({
    command: 'npm',
    args: ['publish'],
    cwd: providerDirectory,
    env: context.npmEnvironment,
  });
  const published = await viewPublished({
    spec: `${ACME_PACKAGE.name}@${ACME_PACKAGE.version}`,
    env: context.npmEnvironment,
    cwd: context.root,
  });
  const ranges = `@codex/api ^${apiVersion}, @codex/protocol ^${protocolVersion}`;
  log.check(
    published.found &&
      published.metadata.dependencies?.['@codex/api'] === `^${apiVersion}` &&
      published.metadata.dependencies?.['@codex/protocol'] === `^${protocolVersion}`,
    `npm publish ${ACME_PACKAGE.name}@${ACME_PACKAGE.version} (depends on ${ranges})`,
    `${ACME_PACKAGE.name}@${ACME_PACKAGE.version} is not on the registry with ${ranges}`,
  );

  const directory = join(context.root, 'app-acme');
  await createConsumerApp({
    directory,
    name: 'e2e-app-acme',
    fixtures: ['consumer-acme.mjs', 'consumer-report.cjs', 'sse-server.cjs', 'stream-turn.cjs'],
  });
  const specs = [`${ACME_PACKAGE.name}@${ACME_PACKAGE.version}`, `@codex/api@${apiVersion}`];
  await npmInstall({ directory, specs, env: context.npmEnvironment });
  log.pass(`npm install ${specs.join(' ')}`);
  await checkTree(context, directory, [
    ACME_PACKAGE.name,
    '@codex/api',
    '@codex/client',
    '@codex/protocol',
  ]);

  const result = await runConsumerScript({
    directory,
    script: 'consumer-acme.mjs',
    env: context.consumerEnvironment,
  });
  for (const description of result.passed) log.pass(`ESM: ${description}`);
}

/**
 * Checks an app's installed tree: no AWS package, nothing outside `ownPackages` plus the allowed
 * third-party packages, one copy of each, `@codex/*` at the versions just published.
 *
 * @param {RunContext} context
 * @param {string} directory
 * @param {string[]} ownPackages
 */
async function checkTree(context, directory, ownPackages) {
  const report = await inspectInstalledTree({
    directory,
    allowed: [...ownPackages, ...ALLOWED_THIRD_PARTY],
    expectedVersions: context.publishedVersions,
  });
  const names = report.installed.map((item) => `${item.name}@${item.version}`).join(', ');
  log.check(
    report.aws.length === 0,
    'no @aws-sdk/*, @smithy/* or @aws-crypto/* package installed',
    `AWS packages installed: ${report.aws.join(', ')}`,
  );
  log.check(
    report.unexpected.length === 0,
    `only expected packages installed: ${names}`,
    `unexpected packages installed: ${report.unexpected.join(', ')}`,
  );
  const missing = ownPackages.filter(
    (name) => !report.installed.some((item) => item.name === name),
  );
  log.check(
    missing.length === 0,
    `installed: ${ownPackages.join(', ')}`,
    `not installed: ${missing.join(', ')}`,
  );
  log.check(
    report.duplicates.length === 0,
    'one copy of each package',
    `installed more than once: ${report.duplicates.join(', ')}`,
  );
  log.check(
    report.versionMismatches.length === 0,
    '@codex packages at the versions just published',
    `wrong versions: ${report.versionMismatches.join(', ')}`,
  );
}

/**
 * Writes the third-party provider package: the fixture's files and a package.json that depends on
 * the `@codex/api` and `@codex/protocol` versions just published (it imports both).
 *
 * @param {{ directory: string, apiVersion: string, protocolVersion: string }} options
 */
async function writeAcmePackage({ directory, apiVersion, protocolVersion }) {
  await mkdir(directory, { recursive: true });
  await copyFile(
    join(FIXTURES_DIRECTORY, ACME_PACKAGE.name, 'index.js'),
    join(directory, 'index.js'),
  );
  const manifest = {
    name: ACME_PACKAGE.name,
    version: ACME_PACKAGE.version,
    description: 'A third-party Codex model provider (e2e:publish fixture).',
    license: 'Apache-2.0',
    type: 'module',
    exports: { '.': './index.js', './package.json': './package.json' },
    files: ['index.js'],
    engines: { node: '>=20' },
    dependencies: {
      '@codex/api': `^${apiVersion}`,
      '@codex/protocol': `^${protocolVersion}`,
    },
  };
  await writeFile(join(directory, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * The environment of every command that talks to the local registry: a temporary npm userconfig
 * with a fake token (the user's ~/.npmrc is never read or written), a temporary npm cache.
 *
 * @param {{ root: string, registry: import('./local-registry.mjs').LocalRegistry }} options
 * @returns {Promise<NodeJS.ProcessEnv>}
 */
async function createNpmEnvironment({ root, registry }) {
  const userConfig = join(root, 'npmrc');
  const lines = [
    `registry=${registry.url}`,
    // verdaccio lets anyone publish @codex/* here, so any token will do; npm insists on one.
    `//${registry.host}/:_authToken=e2e-publish-fake-token`,
    'update-notifier=false',
    'fund=false',
    'audit=false',
  ];
  await writeFile(userConfig, `${lines.join('\n')}\n`, { mode: 0o600 });
  return createChildEnvironment({
    NPM_CONFIG_USERCONFIG: userConfig,
    npm_config_registry: registry.url,
    npm_config_cache: join(root, 'npm-cache'),
    npm_config_noproxy: '127.0.0.1,localhost',
  });
}

/**
 * The registry npm uses on this machine (`npm config get registry`), for verdaccio's uplink.
 *
 * @param {string} cwd
 * @returns {Promise<string>}
 */
async function readNpmRegistry(cwd) {
  const { stdout } = await runCommand({
    command: 'npm',
    args: ['config', 'get', 'registry'],
    cwd,
    env: process.env,
    timeoutMs: 30_000,
  });
  const url = stdout.trim();
  if (!/^https?:\/\//.test(url)) throw new CheckFailure(`npm config get registry gave "${url}"`);
  return url;
}

/** @returns {Promise<string>} the repository's top-level directory */
async function findRepositoryRoot() {
  const { stdout } = await runCommand({
    command: 'git',
    args: ['rev-parse', '--show-toplevel'],
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    env: process.env,
  });
  return realpath(stdout.trim());
}

/**
 * @param {RunContext} context
 * @param {string} name
 * @returns {string}
 */
function publishedVersion(context, name) {
  const version = context.publishedVersions[name];
  if (version === undefined) throw new CheckFailure(`${name} was not released in this run`);
  return version;
}

/**
 * @param {string} path
 * @param {string} directory
 * @returns {boolean}
 */
function isInside(path, directory) {
  const fromDirectory = relative(directory, path);
  return fromDirectory === '' || (!fromDirectory.startsWith(`..${sep}`) && fromDirectory !== '..');
}

/** Prints the end of verdaccio's log (warnings and errors only), if it has any. */
async function printRegistryLogTail() {
  if (created.registry === undefined) return;
  const text = await readFile(created.registry.logFile, 'utf8').catch(() => '');
  if (text.trim() === '') return;
  console.error('--- last lines of the local registry log ---');
  console.error(text.trimEnd().split('\n').slice(-15).join('\n'));
}

/**
 * Prints what failed: a command's output tail when there is one, then the one-line reason last.
 *
 * @param {unknown} error
 */
function reportFailure(error) {
  if (error instanceof CommandError && error.outputTail !== '') {
    console.error('--- last output of the failing command ---');
    console.error(error.outputTail);
    console.error('---');
  } else if (
    !(error instanceof CheckFailure) &&
    error instanceof Error &&
    error.stack !== undefined
  ) {
    console.error(error.stack);
  }
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`e2e:publish: FAILED: ${reason.split('\n')[0]}`);
}

/**
 * On SIGINT/SIGTERM: stop the children (the step that waits on one then fails, and no new command
 * starts), stop the registry, remove the files; `main` then exits with 130/143.
 */
function installSignalHandlers() {
  for (const [signal, exitCode] of /** @type {const} */ ([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ])) {
    process.once(signal, () => {
      interruption = { signal, exitCode };
      console.error(`e2e:publish: interrupted by ${signal}, cleaning up`);
      void cleanUp().finally(() => {
        // Normally `main` has exited by now; this only covers a step stuck outside a command.
        setTimeout(() => process.exit(exitCode), 10_000).unref();
      });
    });
  }
}
