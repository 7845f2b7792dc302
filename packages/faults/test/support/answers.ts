// The healthy answer of each endpoint, as bytes, so that a fault can cut, drip, compress or
// corrupt exactly what a healthy server would send.
import {
  encodeSseEvents,
  loadJsonFixture,
  loadTranscript,
  type ResponseScript,
} from '@codex/testkit';
import type { Target } from './targets.js';

const encoder = new TextEncoder();

/** The text the `turn` transcript streams as output text deltas. */
export const TURN_TEXT: string = (() => {
  let text = '';
  for (const line of loadTranscript('turn').toString('utf8').split('\n')) {
    if (!line.startsWith('data: ')) continue;
    const event = JSON.parse(line.slice(6)) as { type?: string; delta?: string };
    if (event.type === 'response.output_text.delta') text += event.delta ?? '';
  }
  return text;
})();

/** The body bytes and content type a healthy server sends for `target`. */
export function healthyBody(target: Target): { bytes: Uint8Array; contentType: string } {
  switch (target.endpoint) {
    case 'responses':
      return { bytes: new Uint8Array(loadTranscript('turn')), contentType: 'text/event-stream' };
    case 'responses/compact':
      return json(loadJsonFixture('compact.json'));
    case 'memories/trace_summarize':
      return json(loadJsonFixture('memories.json'));
    case 'models':
      return json(loadJsonFixture('models.json'));
  }
}

/** The healthy answer as a script, with `extra` fields (faults) on top. */
export function healthy(target: Target, extra: Partial<ResponseScript> = {}): ResponseScript {
  const { bytes, contentType } = healthyBody(target);
  return {
    status: 200,
    ...extra,
    headers: { 'content-type': contentType, ...extra.headers },
    body: extra.body ?? bytes,
  };
}

function json(value: unknown): { bytes: Uint8Array; contentType: string } {
  return { bytes: encoder.encode(JSON.stringify(value)), contentType: 'application/json' };
}

/**
 * A body for `target` whose text holds `é` split across two chunks and a byte that is not UTF-8
 * (0xFF), in a place where text is kept (an output text delta; a JSON string value).
 */
export function utf8Chunks(target: Target): Array<{ data: Uint8Array }> {
  let text: string;
  switch (target.endpoint) {
    case 'responses':
      text = new TextDecoder().decode(
        encodeSseEvents([
          { type: 'response.created', response: { id: 'r1' } },
          { type: 'response.output_text.delta', delta: 'caf\u00e9 MARK' },
          {
            type: 'response.completed',
            response: {
              id: 'r1',
              usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
            },
          },
        ]),
      );
      break;
    case 'responses/compact':
      text = JSON.stringify({
        output: [
          {
            type: 'message',
            role: 'user',
            content: [{ type: 'input_text', text: 'caf\u00e9 MARK' }],
          },
        ],
      });
      break;
    case 'memories/trace_summarize':
      text = JSON.stringify({ output: [{ trace_summary: 'caf\u00e9 MARK', memory_summary: 'm' }] });
      break;
    case 'models':
      text = JSON.stringify({ models: [{ slug: 'caf\u00e9 MARK' }] });
      break;
  }
  const bytes = encoder.encode(text).map((byte) => byte);
  // Replace the `M` of MARK with a byte that is not UTF-8; cut inside the two bytes of `é`.
  const marker = bytes.indexOf(0x4d, text.indexOf('caf'));
  bytes[marker] = 0xff;
  const cut = bytes.indexOf(0xc3) + 1;
  return [{ data: bytes.subarray(0, cut) }, { data: bytes.subarray(cut) }];
}
