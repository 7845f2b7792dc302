// The runtime suite as a program, for Node, Bun and Deno: the configuration is its one argument
// (JSON), never an environment variable, so Deno runs it without `--allow-env`.
import { runSuite, type SuiteConfig } from './suite.js';

interface RuntimeGlobals {
  Deno?: {
    args: string[];
    exit(code: number): never;
    permissions: { querySync(descriptor: { name: 'env' }): { state: string } };
  };
  process?: { argv: string[]; exitCode?: number };
}

const runtime = globalThis as RuntimeGlobals;
const argument = runtime.Deno?.args[0] ?? runtime.process?.argv[2];
if (argument === undefined) throw new Error('usage: main.ts <configuration as JSON>');

try {
  for (const line of await runSuite(JSON.parse(argument) as SuiteConfig)) console.log(`ok ${line}`);
  const env = runtime.Deno?.permissions.querySync({ name: 'env' }).state;
  if (env !== undefined && env !== 'granted')
    console.log(`ok all of it without env access (${env})`);
} catch (error) {
  console.log(`FAILED ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  if (runtime.Deno !== undefined) runtime.Deno.exit(1);
  else if (runtime.process !== undefined) runtime.process.exitCode = 1;
}
