// An independent SigV4 implementation on node:crypto, written from the AWS documentation
// ("Create a signed AWS API request"), used to check what the provider sends. It shares no code
// with the AWS SDK signer the provider uses.
import { createHash, createHmac } from 'node:crypto';

export interface SignedExchange {
  readonly method: string;
  /** Path and query exactly as sent, e.g. `/openai/v1/responses?a=b`. */
  readonly target: string;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

export interface ReferenceCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

const sha256Hex = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data).digest();

// RFC 3986 unreserved characters stay; everything else is %XX (upper case).
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalUri(path: string): string {
  // Services other than S3 encode each (already encoded) path segment once more.
  return path
    .split('/')
    .map((segment) => uriEncode(segment))
    .join('/');
}

function canonicalQuery(query: string): string {
  if (query === '') return '';
  const pairs = query.split('&').map((pair) => {
    const index = pair.indexOf('=');
    const key = decodeURIComponent(index === -1 ? pair : pair.slice(0, index));
    const value = index === -1 ? '' : decodeURIComponent(pair.slice(index + 1));
    return [uriEncode(key), uriEncode(value)] as const;
  });
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

export interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

export function parseAuthorization(header: string): ParsedAuthorization {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      header,
    );
  if (match === null) throw new Error(`not a SigV4 authorization header: ${header}`);
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signedHeaders.split(';'),
    signature,
  };
}

/** The signature the request should carry, computed from scratch. */
export function referenceSignature(options: {
  readonly exchange: SignedExchange;
  readonly secretAccessKey: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly amzDate: string;
}): string {
  const { exchange } = options;
  const queryIndex = exchange.target.indexOf('?');
  const path = queryIndex === -1 ? exchange.target : exchange.target.slice(0, queryIndex);
  const query = queryIndex === -1 ? '' : exchange.target.slice(queryIndex + 1);
  const canonicalHeaders = options.signedHeaders
    .map((name) => {
      const value = exchange.headers[name];
      if (value === undefined) throw new Error(`signed header ${name} was not sent`);
      return `${name}:${value.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const canonicalRequest = [
    exchange.method,
    canonicalUri(path),
    canonicalQuery(query),
    canonicalHeaders,
    options.signedHeaders.join(';'),
    sha256Hex(exchange.body),
  ].join('\n');
  const day = options.amzDate.slice(0, 8);
  const scope = `${day}/${options.region}/${options.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    options.amzDate,
    scope,
    sha256Hex(canonicalRequest),
  ].join('\n');
  let key = hmac(`AWS4${options.secretAccessKey}`, day);
  key = hmac(key, options.region);
  key = hmac(key, options.service);
  key = hmac(key, 'aws4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

/**
 * Verifies a recorded request: its authorization header parses, names the expected key, region
 * and service, covers `host` and `x-amz-date`, and its signature equals the reference one.
 */
export function verifySigV4(options: {
  readonly exchange: SignedExchange;
  readonly credentials: ReferenceCredentials;
  readonly region: string;
  readonly service: string;
}): ParsedAuthorization {
  const authorization = options.exchange.headers.authorization;
  if (authorization === undefined) throw new Error('no authorization header');
  const parsed = parseAuthorization(authorization);
  const amzDate = options.exchange.headers['x-amz-date'];
  if (amzDate === undefined) throw new Error('no x-amz-date header');
  if (parsed.accessKeyId !== options.credentials.accessKeyId)
    throw new Error('wrong access key id');
  if (parsed.region !== options.region) throw new Error(`wrong region ${parsed.region}`);
  if (parsed.service !== options.service) throw new Error(`wrong service ${parsed.service}`);
  if (parsed.date !== amzDate.slice(0, 8)) throw new Error('scope date differs from x-amz-date');
  for (const required of ['host', 'x-amz-date']) {
    if (!parsed.signedHeaders.includes(required)) throw new Error(`${required} is not signed`);
  }
  const expected = referenceSignature({
    exchange: options.exchange,
    secretAccessKey: options.credentials.secretAccessKey,
    region: options.region,
    service: options.service,
    signedHeaders: parsed.signedHeaders,
    amzDate,
  });
  if (expected !== parsed.signature) {
    throw new Error(`signature mismatch: expected ${expected}, got ${parsed.signature}`);
  }
  return parsed;
}
