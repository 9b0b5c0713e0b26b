/** The MONITORING_TOKEN check: `Authorization: Bearer <token>`, compared in constant time. */
import { isSameSecret } from '../lib/same-secret.js';

/**
 * True when `header` carries exactly `token` as a bearer token. A token is one word (config
 * refuses MONITORING_TOKEN with a space: no header could carry it here).
 */
export function hasBearerToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return isSameSecret(match?.[1], token);
}
