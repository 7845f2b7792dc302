// The public `CodexError` narrows on `kind`. These checks are compile-time ones (`pnpm typecheck`
// runs `tsc` over this file; a `@ts-expect-error` that stops being an error fails it) plus the
// runtime checks that `isInstance` and `instanceof` still recognise every class.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CodexError,
  type CodexErrorKind,
  EnvVarError,
  UnexpectedStatusError,
  type UsageLimitReachedError,
} from '../src/index.js';

function statusOf(error: CodexError): number | undefined {
  switch (error.kind) {
    case 'unexpected_status':
      expectTypeOf(error).toEqualTypeOf<UnexpectedStatusError>();
      return error.status;
    case 'usage_limit_reached':
      expectTypeOf(error).toEqualTypeOf<UsageLimitReachedError>();
      return undefined;
    default:
      // @ts-expect-error -- only an UnexpectedStatusError has `status`
      return error.status;
  }
}

describe('CodexError', () => {
  it('narrows on kind after isInstance', () => {
    const caught: unknown = new UnexpectedStatusError({ status: 401, body: 'no' });
    if (!CodexError.isInstance(caught)) throw new Error('not recognised');
    expectTypeOf(caught).toEqualTypeOf<CodexError>();
    expectTypeOf(caught.kind).toEqualTypeOf<CodexErrorKind>();
    expect(statusOf(caught)).toBe(401);
    expect(statusOf(new EnvVarError({ variable: 'OPENAI_API_KEY' }))).toBeUndefined();
  });

  it('is still the base class as a value: instanceof and isInstance work', () => {
    const error = new EnvVarError({ variable: 'OPENAI_API_KEY' });
    expect(error).toBeInstanceOf(CodexError);
    expect(error instanceof CodexError).toBe(true);
    expect(CodexError.isInstance(error)).toBe(true);
    expect(CodexError.isInstance(new Error('plain'))).toBe(false);
    expect(CodexError.name).toBe('CodexError');
    expectTypeOf(CodexError.isInstance).guards.toEqualTypeOf<CodexError>();
  });
});
