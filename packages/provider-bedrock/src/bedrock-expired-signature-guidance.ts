/** The application named by default in {@link bedrockExpiredSignatureGuidance}. */
export const DEFAULT_APPLICATION_NAME = 'Codex';

/**
 * The text shown in place of `unexpected status 401 Unauthorized: …` when Amazon Bedrock rejects
 * a request because its signature expired. It ends `then restart {applicationName}` with no
 * trailing period, because the diagnostics (`, url: …, request id: …`) follow it directly.
 *
 * @param applicationName What the user restarts. @default 'Codex' (the upstream text, verbatim)
 * @example
 * bedrockExpiredSignatureGuidance();
 * // 'Amazon Bedrock rejected the request because its AWS signature has expired. Refresh your AWS
 * //  credentials and retry. If `AWS_BEARER_TOKEN_BEDROCK` is set, update or unset it, then restart Codex'
 */
export function bedrockExpiredSignatureGuidance(
  applicationName: string = DEFAULT_APPLICATION_NAME,
): string {
  if (typeof applicationName !== 'string' || applicationName.trim() === '') {
    throw new TypeError(
      'bedrockExpiredSignatureGuidance: `applicationName` must be a non-empty string',
    );
  }
  return (
    'Amazon Bedrock rejected the request because its AWS signature has expired. ' +
    'Refresh your AWS credentials and retry. ' +
    `If \`AWS_BEARER_TOKEN_BEDROCK\` is set, update or unset it, then restart ${applicationName}`
  );
}
