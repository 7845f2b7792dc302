// 2^63: the first value past Rust's `i64::MAX`.
const I64_END = 2 ** 63;

/**
 * Whether a parsed JSON value is one serde would read as a Rust `i64`: a number without a
 * fraction from −2^63 to 2^63 − 1, and not `-0` (serde_json parses `-0` as a float, which an
 * integer field refuses).
 *
 * Integers beyond 2^53 are accepted: `JSON.parse` hands them over rounded to the nearest double,
 * and refusing them would turn a valid upstream value (a reset time, a token count) into a
 * failure. Only the last 512 values below 2^63 round up to 2^63 and are refused. What a parsed
 * value cannot show at all — `1.0` and `1e3` are floats to serde but the integers 1 and 1000
 * after `JSON.parse` — is accepted (see the package README's design notes).
 */
export function isI64(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= -I64_END &&
    value < I64_END &&
    !Object.is(value, -0)
  );
}
