/**
 * Resolves with what `promise` rejects with, so a test can assert on the error itself; rejects
 * (failing the test) when `promise` resolves. With `type`, it also checks that the rejection is an
 * instance of that class and returns it typed as one.
 *
 * @example
 * ```ts
 * const error = await rejectionOf(client.stream(request));
 * expect(ApiError.isInstance(error)).toBe(true);
 * const fatal = await rejectionOf(provider.resolve(), Error);
 * expect(fatal.message).toBe('Fatal error: …');
 * ```
 */
export function rejectionOf(promise: Promise<unknown>): Promise<unknown>;
export function rejectionOf<T>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => T,
): Promise<T>;
export async function rejectionOf(
  promise: Promise<unknown>,
  type?: abstract new (...args: never[]) => unknown,
): Promise<unknown> {
  let settled: { readonly rejected: boolean; readonly value: unknown };
  try {
    settled = { rejected: false, value: await promise };
  } catch (error) {
    settled = { rejected: true, value: error };
  }
  if (!settled.rejected) throw new Error('expected the promise to reject, but it resolved');
  if (type !== undefined && !(settled.value instanceof type)) {
    throw new Error(
      `expected the promise to reject with a ${type.name}, but it rejected with ${describe(settled.value)}`,
      { cause: settled.value },
    );
  }
  return settled.value;
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
