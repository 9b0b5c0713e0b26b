import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSecretCheck, isSameSecret } from '../../src/lib/same-secret.js';
import { hasBearerToken } from '../../src/monitoring/bearer-token.js';

const SECRET = 'webhook_Secret-for-tests-0123456789';
/** A prefix, an extension, a last character changed, another length, empty, missing. */
const WRONG = [SECRET.slice(0, -1), `${SECRET}x`, `${SECRET.slice(0, -1)}X`, 'w', `${SECRET}${SECRET}`, '', undefined];

describe('isSameSecret', () => {
  it('accepts exactly the secret', () => {
    expect(isSameSecret(SECRET, SECRET)).toBe(true);
  });

  it('refuses a prefix, an extension, a last character changed, another length, an empty or a missing value', () => {
    for (const given of WRONG) {
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

describe('createSecretCheck (the expected digest computed once)', () => {
  it('accepts exactly the secret, every time it is asked', () => {
    const check = createSecretCheck(SECRET);
    for (let i = 0; i < 3; i++) expect(check(SECRET)).toBe(true);
  });

  it('refuses what isSameSecret refuses, before and after accepting the secret (no state carried between calls)', () => {
    const check = createSecretCheck(SECRET);
    for (const given of WRONG) expect([given, check(given)]).toEqual([given, false]);
    expect(check(SECRET)).toBe(true);
    for (const given of WRONG) expect([given, check(given)]).toEqual([given, false]);
  });

  it('belongs to its own secret: a check made for one does not accept another', () => {
    const first = createSecretCheck('first-secret');
    const second = createSecretCheck('second-secret');
    expect([first('first-secret'), first('second-secret'), second('second-secret'), second('first-secret')]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('never throws on lengths unlike the secret, nor on text that is not ASCII', () => {
    const check = createSecretCheck(SECRET);
    expect(() => check('x'.repeat(100_000))).not.toThrow();
    expect(check('x'.repeat(100_000))).toBe(false);
    expect(createSecretCheck('é')('e')).toBe(false);
    expect(createSecretCheck('é')('é')).toBe(true);
    // The same character written two ways (precomposed and combined) is two different secrets.
    expect(createSecretCheck('\u00e9')('e\u0301')).toBe(false);
  });

  it('an empty expected secret still refuses a missing value (config never allows one, but the check does not rely on it)', () => {
    expect(createSecretCheck('')(undefined)).toBe(false);
    expect(createSecretCheck('')('')).toBe(true);
  });

  it('agrees with string equality, and with isSameSecret, for any pair of well-formed strings', () => {
    // Well-formed: compared as UTF-8, a lone surrogate becomes U+FFFD; header values are latin1 text and never hold one.
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), (given, expected) => {
        const check = createSecretCheck(expected);
        return check(given) === (given === expected) && check(expected) && isSameSecret(given, expected) === check(given);
      }),
      { numRuns: 2_000, seed: 15 },
    );
  });
});
