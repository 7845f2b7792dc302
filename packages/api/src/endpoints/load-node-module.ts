interface ProcessWithBuiltins {
  getBuiltinModule?(id: string): unknown;
}

/**
 * A Node built-in module (`node:fs/promises`, …), loaded only when called: through
 * `process.getBuiltinModule` where the runtime has it (Node ≥ 20.16, Bun, Deno), else through an
 * `import()` of a computed specifier. Neither is a literal `import('node:…')`, which a bundler
 * targeting browsers would try to resolve (esbuild and webpack fail on it), so an application that
 * bundles `@codex/api` for a browser builds without configuring Node built-ins.
 */
export async function loadNodeModule<T>(id: `node:${string}`): Promise<T> {
  const runtime = (globalThis as { process?: ProcessWithBuiltins }).process;
  const builtin = runtime?.getBuiltinModule?.(id);
  if (builtin !== undefined) return builtin as T;
  const specifier: string = id;
  return (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as T;
}
