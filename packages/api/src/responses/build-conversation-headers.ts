/**
 * The conversation headers of a Responses request: `session_id: <conversationId>` (with an
 * underscore), nothing when there is no conversation id.
 *
 * @example buildConversationHeaders('conv_1') // { session_id: 'conv_1' }
 */
export function buildConversationHeaders(conversationId?: string): Record<string, string> {
  return conversationId === undefined ? {} : { session_id: conversationId };
}
