import { ApiError, TransportError } from '@codex/api';

/** `ApiError.transport(TransportError.Http(status, url, headers, body))`, the spec's `Http(…)`. */
export function httpError(options: {
  readonly status: number;
  readonly url?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}): ApiError {
  return ApiError.transport(
    new TransportError({
      kind: 'http',
      status: options.status,
      url: options.url,
      headers: new Headers(options.headers ?? {}),
      body: options.body,
    }),
  );
}
