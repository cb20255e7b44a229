import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

// OWASP's scrypt floor (N=2^17, r=8, p=1) costs ~128 MB per hash; 2^15 keeps sign-in under
// ~60 ms on these 2-core machines while staying memory-hard. Parameters are stored per hash,
// so changing the cost only affects new hashes: old ones verify with their own.
export const DEFAULT_PASSWORD_COST = 15;
export const MIN_PASSWORD_COST = 10;
export const MAX_PASSWORD_COST = 20;
const R = 8;
const P = 1;
const KEY_LEN = 32;

export const MIN_PASSWORD_LENGTH = 8;

/**
 * log2 of scrypt's N for new hashes, from LOCKSTEP_PASSWORD_COST (`loadConfig` validates it at
 * start-up with this function). An operator raises it on faster hardware; the test lanes lower
 * it to 10 (their global setup), as Django's and Rails' test settings do, because thousands of
 * test sign-ins at 2^15 cost minutes and test nothing that 2^10 does not.
 */
export function passwordCostFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.LOCKSTEP_PASSWORD_COST;
  if (raw === undefined || raw === '') return DEFAULT_PASSWORD_COST;
  const cost = Number(raw);
  if (!Number.isInteger(cost) || cost < MIN_PASSWORD_COST || cost > MAX_PASSWORD_COST) {
    throw new RangeError(`LOCKSTEP_PASSWORD_COST must be a whole number from ${MIN_PASSWORD_COST} to ${MAX_PASSWORD_COST} (log2 of scrypt's N), got "${raw}"`);
  }
  return cost;
}

let processCost: number | undefined;

export async function hashPassword(password: string, cost = (processCost ??= passwordCostFromEnv(process.env))): Promise<string> {
  const N = 2 ** cost;
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LEN, { N, r: R, p: P, maxmem: 256 * N * R });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts;
  const N = Number(n);
  const R = Number(r);
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scrypt(password.normalize('NFC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N,
    r: R,
    p: Number(p),
    maxmem: 256 * N * R,
  });
  return timingSafeEqual(key, expected);
}
