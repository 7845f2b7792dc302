/**
 * AWS credentials, structurally compatible with `AwsCredentialIdentity` of `@smithy/types` (the
 * AWS SDK's own credential providers return this shape).
 */
export interface AwsCredentials {
  /** The access key id, e.g. `AKIA…` or `ASIA…`. */
  readonly accessKeyId: string;
  /** The secret access key. Never shown in errors or logs. */
  readonly secretAccessKey: string;
  /** Present for temporary credentials; sent as `x-amz-security-token`. */
  readonly sessionToken?: string | undefined;
  /** When temporary credentials expire. */
  readonly expiration?: Date | undefined;
}

/**
 * A function that resolves AWS credentials, such as `fromIni({ profile })`, `fromSSO()` or
 * `fromNodeProviderChain()` of `@aws-sdk/credential-providers`. It is called before every
 * signature, so it should cache (the AWS SDK providers do).
 */
export type AwsCredentialProvider = () => Promise<AwsCredentials>;
