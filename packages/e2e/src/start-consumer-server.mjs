import { jsonResponse, sseResponse, startTestServer } from '@codex/testkit';
import {
  createTranscript,
  FAILURE_BODIES,
  FAILURE_REQUEST_ID,
  REQUESTS_PATH,
  RESPONSES_PATHS,
  TRANSCRIPT_REQUEST_ID,
} from '../fixtures/sse-server.cjs';

/** Pause between the transcript's events, so that a client really receives it in pieces. */
const EVENT_DELAY_MS = 5;

/**
 * Starts the consumers' SSE server: `@codex/testkit`'s loopback server on 127.0.0.1, in this
 * process, with the routes of fixtures/sse-server.cjs:
 * - `POST /v1/responses` and `POST /openai/v1/responses` (Bedrock Mantle's path): the transcript
 *   as `text/event-stream`, one event every few milliseconds, `x-request-id: req_e2e_1`;
 * - `POST /status/<code>/<any path>/responses`: `<code>` with its body from `FAILURE_BODIES`
 *   (401: Bedrock's expired signature, 402: a JSON billing error), `x-request-id: req_e2e_failure`;
 * - `GET /e2e/requests`: every request answered so far (method, url, headers, body as text), so
 *   that the consumers, in their own processes, can check what the server saw;
 * - anything else: 404.
 *
 * @returns {Promise<{ url: string, close: () => Promise<void> }>} `url` has no trailing slash
 */
export async function startConsumerServer() {
  const server = await startTestServer({
    fallback: (request) => {
      const failure = /^\/status\/(\d+)\/.*\/responses$/.exec(request.path);
      const answer = failure === null ? undefined : FAILURE_BODIES[failure[1]];
      if (request.method === 'POST' && answer !== undefined) {
        return {
          status: Number(failure[1]),
          headers: { 'content-type': answer.contentType, 'x-request-id': FAILURE_REQUEST_ID },
          body: answer.body,
        };
      }
      return jsonResponse(
        { error: { message: `no route for ${request.method} ${request.url}` } },
        { status: 404 },
      );
    },
  });
  const transcript = sseResponse(createTranscript(), {
    eventDelayMs: EVENT_DELAY_MS,
    headers: { 'x-request-id': TRANSCRIPT_REQUEST_ID },
  });
  for (const path of RESPONSES_PATHS) server.route('POST', path, transcript);
  server.route('GET', REQUESTS_PATH, () =>
    jsonResponse(
      server.requests
        .filter((request) => request.path !== REQUESTS_PATH)
        .map((request) => ({
          method: request.method,
          url: request.url,
          headers: request.headers,
          body: request.text(),
        })),
    ),
  );
  return { url: server.url, close: () => server.close() };
}
