import type { ResponsesServer } from './start-responses-server.js';

/** The upload URL path and the call id that {@link serveCompanionEndpoints} hands out. */
export const COMPANION_FILE_ID = 'file_1';
/** The realtime call id of {@link serveCompanionEndpoints}. */
export const COMPANION_CALL_ID = 'rtc_testkit';

/**
 * Adds to a Responses server the endpoints beyond the Responses ones that documentation examples
 * use, each answering success as the upstream service does: the files API
 * (`POST {basePath}/files` → `file_1` with an upload URL on this server, `PUT /upload/file_1`,
 * `POST {basePath}/files/file_1/uploaded` → `success` with a download URL) and realtime calls
 * (`POST {basePath}/realtime/calls` → 201 with the answer SDP and `Location: …/rtc_testkit`).
 * Used by the runners of the README code blocks.
 */
export function serveCompanionEndpoints(server: ResponsesServer): void {
  const base = new URL(server.baseUrl).pathname.replace(/\/$/, '');
  server.route('POST', `${base}/files`, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      file_id: COMPANION_FILE_ID,
      upload_url: `${server.url}/upload/${COMPANION_FILE_ID}`,
    }),
  });
  server.route('PUT', `/upload/${COMPANION_FILE_ID}`, { status: 201 });
  server.route('POST', `${base}/files/${COMPANION_FILE_ID}/uploaded`, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      status: 'success',
      download_url: `${server.url}/download/${COMPANION_FILE_ID}`,
      mime_type: 'text/plain',
    }),
  });
  server.route('POST', `${base}/realtime/calls`, {
    status: 201,
    headers: {
      'content-type': 'application/sdp',
      location: `${base}/realtime/calls/${COMPANION_CALL_ID}`,
    },
    body: 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n',
  });
}
