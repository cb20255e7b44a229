import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new bearer secret: 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as this hash: a leaked database row cannot sign anyone in. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * The CSRF token of a cookie session, derived from the session secret so it needs no
 * storage; it reveals nothing about the secret. A cross-site page can send the cookie
 * but cannot read this value.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('lockstep-csrf-v1').digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
