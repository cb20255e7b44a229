import { LANGUAGE_CODES, notFound, ROLES } from '@lockstep/shared';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { SESSION_COOKIE } from '../http/auth.js';
import { param, type RouteTable } from '../http/routeTable.js';
import * as accounts from '../services/accounts.js';
import { publicUser } from '../services/accounts.js';
import { csrfTokenFor } from '../security/tokens.js';

const SignIn = z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(1024) });
const Email = z.string().trim().max(254).regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address');
const Languages = z.array(z.enum(LANGUAGE_CODES)).max(LANGUAGE_CODES.length);
const NewUser = z.object({
  email: Email,
  password: z.string().max(1024),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  languages: Languages.default([]),
});
const UserPatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(ROLES).optional(),
    languages: Languages.optional(),
    active: z.boolean().optional(),
  })
  .strict();
const OwnAccountChange = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    // The interface languages are the API's language codes (api.md); null: back to the browser's.
    uiLanguage: z.enum(LANGUAGE_CODES).nullable().optional(),
  })
  .strict();
const PasswordChange = z.object({ currentPassword: z.string().max(1024), newPassword: z.string().max(1024) });
const MAX_ID = 2 ** 31 - 1;

/**
 * A user id as the API writes it: decimal digits, no sign, no leading zero. Anything else
 * (`1e1`, `0x10`, ` 12`) names no user, so 404, not a coerced number that names another one.
 */
function userIdOf(raw: string): number {
  const id = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(id <= MAX_ID)) throw notFound('user_not_found', `There is no user with id ${JSON.stringify(raw)}.`);
  return id;
}

export function accountRoutes(routes: RouteTable, db: Db, config: Config): void {
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.secureCookies,
    path: '/',
  };

  routes.add({
    method: 'post',
    path: '/api/session',
    action: 'public',
    async handler(req, res) {
      const input = SignIn.parse(req.body);
      const { token, user } = await accounts.signIn(db, {
        ...input,
        clientAddress: req.ip ?? 'unknown',
        ttlMs: config.sessionTtlMs,
      });
      res.cookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: config.sessionTtlMs });
      res.json({ token, csrfToken: csrfTokenFor(token), user: publicUser(user) });
    },
  });

  routes.add({
    method: 'delete',
    path: '/api/session',
    action: 'signedIn',
    async handler(req, res) {
      await accounts.signOut(db, req.auth!.user.tokenId);
      res.clearCookie(SESSION_COOKIE, cookieOptions);
      res.status(204).end();
    },
  });

  routes.add({
    method: 'get',
    path: '/api/users/me',
    action: 'signedIn',
    handler(req, res) {
      const auth = req.auth!;
      // The page reads its CSRF token here after a reload; other sites cannot read this response.
      res.json({ user: publicUser(auth.user), ...(auth.via === 'cookie' ? { csrfToken: csrfTokenFor(auth.token) } : {}) });
    },
  });

  routes.add({
    method: 'post',
    path: '/api/users/me/password',
    action: 'signedIn',
    async handler(req, res) {
      const input = PasswordChange.parse(req.body);
      await accounts.changeOwnPassword(db, req.auth!.user.id, req.auth!.user.tokenId, input);
      res.status(204).end();
    },
  });

  // Before `PATCH /api/users/:id`, which would read "me" as an id.
  routes.add({
    method: 'patch',
    path: '/api/users/me',
    action: 'signedIn',
    async handler(req, res) {
      const user = await accounts.changeOwnAccount(db, req.auth!.user.id, OwnAccountChange.parse(req.body));
      res.json({ user: publicUser(user) });
    },
  });

  routes.add({
    method: 'get',
    path: '/api/users',
    action: 'manageUsers',
    async handler(_req, res) {
      res.json({ users: await accounts.listPublicUsers(db) });
    },
  });

  routes.add({
    method: 'post',
    path: '/api/users',
    action: 'manageUsers',
    async handler(req, res) {
      const user = await accounts.createUser(db, NewUser.parse(req.body));
      res.status(201).json({ user: publicUser(user) });
    },
  });

  routes.add({
    method: 'patch',
    path: '/api/users/:id',
    action: 'manageUsers',
    async handler(req, res) {
      const id = userIdOf(param(req, 'id'));
      const user = await accounts.changeUser(db, req.auth!.user.id, id, UserPatch.parse(req.body));
      res.json({ user: publicUser(user) });
    },
  });
}
