import { LockstepError, type Actor } from '@lockstep/shared';
import type { RequestHandler } from 'express';
import type { Db } from '../db/db.js';
import type { TokenOwner } from '../repos/authTokens.js';
import { resolveToken } from '../services/accounts.js';
import { csrfTokenFor, safeEqual } from '../security/tokens.js';

export const SESSION_COOKIE = 'lockstep_session';

export interface Auth {
  user: TokenOwner;
  /** The raw secret this request authenticated with (needed to derive the CSRF token). */
  token: string;
  via: 'bearer' | 'cookie';
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: Auth;
  }
}

export function actorOf(auth: Auth | undefined): Actor | undefined {
  return auth && { id: auth.user.id, role: auth.user.role, languages: auth.user.languages };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Tokens are base64url; anything else is not one of ours, so skip the lookup.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

function bearerOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/**
 * Resolves who is calling, once per request: a Bearer token (CLI, CAT-tool scripts) or
 * the session cookie (browser). A cookie can be sent by any site, so every cookie-
 * authenticated write must also carry the CSRF token, which only our own pages can read.
 */
export function authenticate(db: Db): RequestHandler {
  return async (req, _res, next) => {
    const bearer = bearerOf(req.headers.authorization);
    if (req.headers.authorization && !bearer) {
      throw new LockstepError('unauthenticated', 'bad_authorization', 'The Authorization header must be "Bearer <token>".');
    }
    // Signing in never uses the session it replaces: a cookie planted by an attacker (or an old
    // session) must neither block the sign-in with a CSRF refusal nor be adopted by it.
    const signingIn = req.method === 'POST' && req.path === '/session';
    const cookie = signingIn ? undefined : (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const token = bearer ?? cookie;
    if (!token) return next();
    const owner = TOKEN_SHAPE.test(token) ? await resolveToken(db, token) : undefined;
    if (!owner) {
      // A stale cookie is not an error on its own (the sign-in page still has to load);
      // a wrong bearer token is, since the caller meant to authenticate.
      if (bearer) throw new LockstepError('unauthenticated', 'invalid_token', 'The token is unknown, expired or revoked. Sign in again.');
      return next();
    }
    const via = bearer ? 'bearer' : 'cookie';
    if (via === 'cookie' && UNSAFE.has(req.method)) {
      const sent = req.get('x-csrf-token');
      if (!sent || !safeEqual(sent, csrfTokenFor(token))) {
        throw new LockstepError('forbidden', 'csrf_token_missing', 'This write needs the X-CSRF-Token header from your session.');
      }
    }
    req.auth = { user: owner, token, via };
    next();
  };
}

/**
 * Browsers send Origin on cross-site writes; refusing a foreign Origin stops CSRF even
 * before the token check (and covers the sign-in form, which has no session yet).
 */
export const sameOriginWrites: RequestHandler = (req, _res, next) => {
  const origin = req.get('origin');
  if (!origin || !UNSAFE.has(req.method)) return next();
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    host = '';
  }
  if (host !== req.get('host')) {
    throw new LockstepError('forbidden', 'cross_origin', 'Writes from another site are not accepted.');
  }
  next();
};
