import { ApiError } from '../errors/api-error.js';
import { toApiError } from '../errors/to-api-error.js';
import { readHeader } from '../read-header.js';
import { endpointUrl } from '../settings/endpoint-settings.js';
import { bodyExcerpt } from './body-excerpt.js';
import { errorMessage } from './encode-json.js';
import {
  type EndpointCallOptions,
  type EndpointClientOptions,
  toEndpointSession,
} from './endpoint-client-options.js';
import type { EndpointSession } from './endpoint-session.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * One model of `GET {base}/models`, in its wire (snake_case) form: `slug` is always there; the
 * other keys (`display_name`, `supported_reasoning_levels`, `context_window`, …) are passed
 * through as the server sent them.
 */
export interface ModelInfo {
  /** Model slug, e.g. `gpt-5.1-codex`. */
  readonly slug: string;
  readonly display_name?: string;
  readonly description?: string | null;
  readonly default_reasoning_level?: string | null;
  readonly supported_reasoning_levels?: readonly unknown[];
  readonly shell_type?: string;
  readonly visibility?: string;
  readonly supported_in_api?: boolean;
  readonly priority?: number;
  readonly context_window?: number | null;
  readonly [key: string]: unknown;
}

/** What {@link ModelsClient.listModels} returns. */
export interface ListModelsResult {
  /** The models, in server order. */
  readonly models: ModelInfo[];
  /** The `ETag` response header, verbatim (quotes kept), when present. */
  readonly etag?: string | undefined;
}

/**
 * Client of `GET {base}/models?client_version=…`. `client_version` is appended with `?`, or with
 * `&` when the provider's query parameters already produced a `?`; it is not percent-encoded.
 * A body that does not decode fails with
 * `stream error: failed to decode models response: <error>; body: <excerpt>` — upstream quotes the
 * whole body; here at most its first 1,000 characters (then `… (<n> characters in all)`), with
 * any secret the session sent removed.
 *
 * @example
 * const { models, etag } = await new ModelsClient({ provider, auth, transport }).listModels('0.99.0');
 */
export class ModelsClient {
  readonly #session: EndpointSession;

  constructor(options: EndpointClientOptions) {
    this.#session = toEndpointSession(options, 'ModelsClient');
  }

  /** Lists the models available to `clientVersion`. @throws ApiError */
  async listModels(
    clientVersion: string,
    options: EndpointCallOptions = {},
  ): Promise<ListModelsResult> {
    if (typeof clientVersion !== 'string') {
      throw new TypeError('ModelsClient.listModels: `clientVersion` must be a string');
    }
    const base = endpointUrl(this.#session.settings, 'models');
    const separator = base.includes('?') ? '&' : '?';
    try {
      const response = await this.#session.execute({
        method: 'GET',
        path: 'models',
        url: `${base}${separator}client_version=${clientVersion}`,
        extraHeaders: options.extraHeaders,
        signal: options.signal,
        timeoutMs: options.timeoutMs,
      });
      const models = decodeModels(response.body, (text) => this.#session.secrets.redact(text));
      const etag = readHeader(response.headers, 'etag');
      return etag === undefined ? { models } : { models, etag };
    } catch (error) {
      throw toApiError(error, options.signal);
    }
  }
}

function decodeModels(body: Uint8Array, redact: (text: string) => string): ModelInfo[] {
  // The message shows the body as `String::from_utf8_lossy` does (a BOM kept); the parse reads the
  // bytes as serde_json's `from_slice` does: invalid UTF-8 fails and a leading BOM is not JSON.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
  try {
    const json: unknown = JSON.parse(strictUtf8.decode(body));
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new TypeError('invalid type: expected a JSON object with `models`');
    }
    const models = (json as { models?: unknown }).models;
    if (models === undefined) throw new TypeError('missing field `models`');
    if (!Array.isArray(models))
      throw new TypeError('invalid type: expected a sequence for `models`');
    models.forEach((model: unknown, index) => {
      if (typeof model !== 'object' || model === null || Array.isArray(model)) {
        throw new TypeError(`models[${index}]: invalid type: expected a JSON object`);
      }
      if (typeof (model as { slug?: unknown }).slug !== 'string') {
        throw new TypeError(`models[${index}]: missing field \`slug\``);
      }
    });
    return models as ModelInfo[];
  } catch (error) {
    throw ApiError.stream(
      `failed to decode models response: ${errorMessage(error)}; body: ${redact(bodyExcerpt(text))}`,
      error,
    );
  }
}
