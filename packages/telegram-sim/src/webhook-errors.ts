/**
 * How a failed webhook delivery reads in getWebhookInfo's last_error_message, in Telegram's
 * words: "Wrong response from the webhook: 500 Internal Server Error", "Connection refused",
 * "Read timeout expired" and the like.
 */

/** The message for a connection that failed (Node's error codes mapped to what Telegram reports). */
export function describeNetworkError(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'Connection refused';
    case 'ECONNRESET':
      // Node says "socket hang up" when the peer closed the connection before answering.
      return error.message === 'socket hang up' ? 'Webhook connection closed' : 'Connection reset by peer';
    case 'ETIMEDOUT':
      return 'Connection timed out';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'No route to host';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'Failed to resolve host: Name or service not known';
    default:
      if (error.code?.includes('CERT') || error.code?.startsWith('ERR_SSL') || error.code?.startsWith('ERR_TLS')) {
        return `SSL error: ${error.message}`;
      }
      return error.message;
  }
}

/** The message for an answer that was not 2xx (WebhookActor uses the status line as received). */
export function describeWrongResponse(statusCode: number, statusMessage: string | undefined): string {
  return `Wrong response from the webhook: ${statusCode} ${statusMessage ?? ''}`.trimEnd();
}

/** Seconds of a `Retry-After: <seconds>` header, which Telegram honours (up to an hour); HTTP dates are ignored. */
export function retryAfterSeconds(header: string | undefined): number | undefined {
  const value = header?.trim();
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}
