import { LockstepError, describeHiddenCharacter, findHiddenCharacters, forbidden, invalid, notFound, unprocessable, type LanguageCode, type Role } from '@lockstep/shared';
import type { Db, Queryable } from '../db/db.js';
import { batching } from '../db/batcher.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../security/passwords.js';
import { hashToken, newToken } from '../security/tokens.js';
import * as tokens from '../repos/authTokens.js';
import * as failures from '../repos/signInFailures.js';
import * as users from '../repos/users.js';
import type { UserRow } from '../repos/users.js';
import type { User } from '@lockstep/shared/api';

export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
/** Failed sign-ins allowed per e-mail, and per client address, in one window. */
export const MAX_FAILURES_PER_EMAIL = 10;
export const MAX_FAILURES_PER_ADDRESS = 50;

const WRONG_CREDENTIALS = 'The e-mail address or password is not correct.';

// A real hash of a random password: unknown e-mails are checked against it, so they take
// as long as wrong passwords and the answer reveals nothing (no user enumeration by timing).
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword(newToken()));

export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

export function checkPasswordStrength(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new LockstepError(
      'unprocessable',
      'weak_password',
      `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
      { minLength: MIN_PASSWORD_LENGTH },
    );
  }
}

/**
 * E-mails and names are how people recognise each other: one with an invisible character
 * (`ko@example.org` + a zero-width space) or a text-direction control looks like another,
 * or like nothing (issue #18). Refused, naming the character.
 */
function refuseHiddenCharacters(field: 'e-mail' | 'name', value: string): void {
  const [first] = findHiddenCharacters(value);
  if (!first) return;
  throw unprocessable(
    'hidden_characters',
    `The ${field} contains ${describeHiddenCharacter(first)} at position ${first.index}, an invisible or text-direction character; type the ${field} without it.`,
    { field, ...first },
  );
}

export interface SignInResult {
  token: string;
  user: UserRow;
}

export async function signIn(
  db: Db,
  input: { email: string; password: string; clientAddress: string; ttlMs: number },
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const emailKey = `email:${email}`;
  const addressKey = `ip:${input.clientAddress}`;
  // Counted before the password is checked, in one statement (see countAttempt): however many
  // requests arrive together, at most the allowance of them ever reach verifyPassword.
  const counts = await failures.countAttempt(
    db,
    { address: addressKey, email: emailKey },
    { address: MAX_FAILURES_PER_ADDRESS, email: MAX_FAILURES_PER_EMAIL },
    SIGN_IN_WINDOW_SECONDS,
  );
  const emailOver = counts.email > MAX_FAILURES_PER_EMAIL;
  if (emailOver || counts.address === null || counts.address > MAX_FAILURES_PER_ADDRESS) {
    // Refused for its address alone: the e-mail's count is given back, so that an address at
    // its limit cannot go on to lock other people's e-mails.
    if (!emailOver) await failures.forgiveAttempt(db, emailKey);
    throw new LockstepError('rate_limited', 'too_many_attempts', 'Too many failed sign-ins. Wait 15 minutes and try again.', {
      retryAfterSeconds: SIGN_IN_WINDOW_SECONDS,
    });
  }
  const user = await users.findUserByEmail(db, email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoy()));
  if (!user || !ok || !user.active) {
    throw new LockstepError('unauthenticated', 'wrong_credentials', WRONG_CREDENTIALS);
  }
  const token = newToken();
  await db.transaction(async (tx) => {
    await tokens.insertToken(tx, {
      userId: user.id,
      tokenHash: hashToken(token),
      kind: 'session',
      expiresAt: new Date(Date.now() + input.ttlMs),
    });
    // E-mail row first, as countAttempt locks them: no deadlock with a parallel attempt.
    await failures.clearFailures(tx, emailKey);
    await failures.forgiveAttempt(tx, addressKey);
  });
  const { passwordHash: _omit, ...publicUser } = user;
  return { token, user: publicUser };
}

// Every API request looks its token up first: requests arriving together share one statement (db/batcher.ts).
const tokenOwners = batching((db, hashes: readonly Buffer[]) => tokens.findTokenOwners(db, hashes));

export async function resolveToken(db: Queryable, token: string): Promise<tokens.TokenOwner | undefined> {
  const owner = await tokenOwners(db).load(hashToken(token));
  // Recording use only when due keeps a read a single round trip.
  if (owner?.touchDue) await tokens.touchToken(db, owner.tokenId);
  return owner;
}

export async function signOut(db: Queryable, tokenId: number): Promise<void> {
  await tokens.revokeToken(db, tokenId);
}

export interface UserInput {
  email: string;
  name: string;
  password: string;
  role: Role;
  languages: readonly LanguageCode[];
}

export async function createUser(db: Queryable, input: UserInput): Promise<UserRow> {
  checkPasswordStrength(input.password);
  const email = normaliseEmail(input.email);
  refuseHiddenCharacters('e-mail', email);
  refuseHiddenCharacters('name', input.name);
  const created = await users.insertUser(db, {
    email,
    name: input.name.trim(),
    role: input.role,
    languages: [...new Set(input.languages)],
    passwordHash: await hashPassword(input.password),
  });
  if (!created) throw new LockstepError('conflict', 'email_taken', `A user with the e-mail ${email} already exists.`);
  return created;
}

export async function changeUser(
  db: Db,
  actorId: number,
  id: number,
  patch: { name?: string; role?: Role; languages?: readonly LanguageCode[]; active?: boolean },
): Promise<UserRow> {
  if (id === actorId && (patch.active === false || (patch.role !== undefined && patch.role !== 'admin'))) {
    throw forbidden('cannot_demote_self', 'You cannot deactivate yourself or take away your own admin role.');
  }
  if (patch.name !== undefined) refuseHiddenCharacters('name', patch.name);
  return db.transaction(async (tx) => {
    const updated = await users.updateUser(tx, id, {
      ...patch,
      name: patch.name?.trim(),
      languages: patch.languages ? [...new Set(patch.languages)] : undefined,
    });
    if (!updated) throw notFound('user_not_found', `There is no user with id ${id}.`);
    // Deactivation ends every session and API token at once, not at their expiry.
    if (patch.active === false) await tokens.revokeAllTokensOf(tx, id);
    return updated;
  });
}

export async function changeOwnPassword(
  db: Db,
  userId: number,
  currentTokenId: number,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const withHash = await users.findUserWithHashById(db, userId);
  if (!withHash || !(await verifyPassword(input.currentPassword, withHash.passwordHash))) {
    throw new LockstepError('unprocessable', 'wrong_password', 'The current password is not correct.');
  }
  checkPasswordStrength(input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await users.updateUser(tx, userId, { passwordHash });
    // Other sessions may belong to whoever knew the old password: end them, keep this one.
    await tokens.revokeOtherTokensOf(tx, userId, currentTokenId);
  });
}

/**
 * What anyone may change about themselves (`PATCH /api/users/me`): the name others see and the
 * interface language, kept here so it follows them to another browser. Role, languages and
 * activity stay the admins' (`changeUser`).
 */
export async function changeOwnAccount(db: Db, userId: number, patch: { name?: string; uiLanguage?: LanguageCode | null }): Promise<UserRow> {
  if (patch.name !== undefined) refuseHiddenCharacters('name', patch.name);
  const updated = await users.updateUser(db, userId, { name: patch.name?.trim(), uiLanguage: patch.uiLanguage });
  if (!updated) throw notFound('user_not_found', `There is no user with id ${userId}.`);
  return updated;
}

/** Creates the bootstrap admin from the environment if no user has that e-mail yet. */
export async function ensureAdmin(db: Db, email: string, password: string): Promise<UserRow | undefined> {
  const existing = await users.findUserByEmail(db, normaliseEmail(email));
  if (existing) return undefined;
  if (!email.includes('@')) throw invalid('invalid_email', 'LOCKSTEP_ADMIN_EMAIL must be an e-mail address.');
  return createUser(db, { email, name: 'Administrator', password, role: 'admin', languages: [] });
}

/** A user as the API shows them: no password hash, no timestamps. */
export function publicUser(u: UserRow): User {
  return { id: u.id, email: u.email, name: u.name, role: u.role, languages: u.languages, active: u.active, uiLanguage: u.uiLanguage };
}

/** Every account, for the admins' user list. */
export async function listPublicUsers(db: Queryable): Promise<User[]> {
  return (await users.listUsers(db)).map(publicUser);
}
