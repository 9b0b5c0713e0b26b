/**
 * A method result that is already serialized JSON. The HTTP layer writes
 * `{"ok":true,"result":` + `json` + `}` as it is, without `JSON.stringify`: getUpdates hands out
 * up to 100 updates per call whose JSON was built once when they were queued, and serializing
 * them again on every hand-out would cost more than everything else the call does.
 *
 * @example
 * return new RawJson('[' + cachedUpdates.join(',') + ']');
 */
export class RawJson {
  /** @param json valid JSON text; it is not checked here */
  constructor(readonly json: string) {}
}

/** getUpdates' answer when nothing is pending. */
export const NO_UPDATES = new RawJson('[]');
