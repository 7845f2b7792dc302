// 2^64: the first value past Rust's `u64::MAX`.
const U64_END = 2 ** 64;

/**
 * Whether a parsed JSON value is one serde would read as a Rust `u64`: a number with no fraction,
 * from 0 to 2^64 − 1. `-0` is refused as serde_json does (it parses `-0` as a float).
 *
 * What the value cannot tell: `JSON.parse` gives `1` for the tokens `1`, `1.0` and `1e0`, which
 * serde tells apart (only the first is an integer), and integers above 2^53 arrive rounded, so the
 * last 1024 values below 2^64 read as 2^64 and are refused. See the package README's design notes.
 * @internal
 */
export function isUnsignedInteger(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 0 &&
    value < U64_END &&
    !Object.is(value, -0)
  );
}
