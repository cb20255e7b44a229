/** An ISO 8601 date-time, as the API writes times. */
export type Timestamp = string;

/**
 * What the server may hand to `res.json` for the API type `T`: the same shape, except that a
 * `Date` may stand where `T` has a plain string, because `JSON.stringify` writes a `Date` as its
 * ISO string (repositories return `timestamptz` columns as `Date`). The client reads `T` itself.
 */
export type Sendable<T> = T extends string
  ? string extends T
    ? T | Date
    : T
  : T extends readonly (infer U)[]
    ? Sendable<U>[]
    : T extends object
      ? { [K in keyof T]: Sendable<T[K]> }
      : T;
