import { type ResponsesServer, startResponsesServer } from '@codex/testkit';

/** The body Amazon Bedrock answers with when a SigV4 signature is more than five minutes old. */
export const EXPIRED_SIGNATURE_BODY =
  'Signature expired: 20260609T133205Z is now earlier than 20260614T062525Z (20260614T063025Z - 5 min.)';

/** The request id of the Bedrock answer; it ends the guidance line. */
export const BEDROCK_REQUEST_ID = 'req_bedrock_7c1e0b5a9f2d4e68';

/**
 * Starts a server on 127.0.0.1 standing in for Amazon Bedrock's Mantle endpoint (base path
 * `/openai/v1`) whose every `POST /openai/v1/responses` answers `401` with
 * {@link EXPIRED_SIGNATURE_BODY} and `x-request-id: `{@link BEDROCK_REQUEST_ID}.
 */
export async function startExpiredBedrockServer(): Promise<ResponsesServer> {
  const server = await startResponsesServer({ basePath: '/openai/v1' });
  server.responses.respondWith({
    status: 401,
    headers: { 'content-type': 'text/plain', 'x-request-id': BEDROCK_REQUEST_ID },
    body: EXPIRED_SIGNATURE_BODY,
  });
  return server;
}
