import { describe, expect, it } from 'vitest';
import { isSameSecret } from '../../src/lib/same-secret.js';
import { hasBearerToken } from '../../src/monitoring/bearer-token.js';

const SECRET = 'webhook_Secret-for-tests-0123456789';

describe('isSameSecret', () => {
  it('accepts exactly the secret', () => {
    expect(isSameSecret(SECRET, SECRET)).toBe(true);
  });

  it('refuses a prefix, an extension, a last character changed, another length, an empty or a missing value', () => {
    for (const given of [SECRET.slice(0, -1), `${SECRET}x`, `${SECRET.slice(0, -1)}X`, 'w', `${SECRET}${SECRET}`, '', undefined]) {
      expect([given, isSameSecret(given, SECRET)]).toEqual([given, false]);
    }
  });

  it('compares digests: values of different lengths go through the same constant-time comparison instead of throwing', () => {
    // timingSafeEqual throws on buffers of different lengths; a comparison of digests never does.
    expect(() => isSameSecret('x'.repeat(10_000), SECRET)).not.toThrow();
    expect(isSameSecret('é', 'e')).toBe(false);
  });

  it('is what the monitoring bearer check uses', () => {
    expect(hasBearerToken(`Bearer ${SECRET}`, SECRET)).toBe(true);
    expect(hasBearerToken(`Bearer ${SECRET.slice(0, -1)}`, SECRET)).toBe(false);
    expect(hasBearerToken(undefined, SECRET)).toBe(false);
    expect(hasBearerToken('Bearer', SECRET)).toBe(false);
  });
});
