/**
 * A copy of `headers` without every header whose name contains `_` (such as `session_id` or
 * `thread_id`): the Mantle front door does not pass them through, so signing them would break
 * signature verification.
 */
export function stripUnderscoreHeaders(headers: Headers): Headers {
  const result = new Headers();
  for (const [name, value] of headers) {
    if (!name.includes('_')) result.append(name, value);
  }
  return result;
}
