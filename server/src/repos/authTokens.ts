import type { Queryable } from '../db/db.js';
import type { UserRow } from './users.js';

export type TokenKind = 'session' | 'api';

export async function insertToken(
  db: Queryable,
  t: { userId: number; tokenHash: Buffer; kind: TokenKind; expiresAt: Date; label?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO auth_tokens (user_id, token_hash, kind, expires_at, label) VALUES ($1, $2, $3, $4, $5)`,
    [t.userId, t.tokenHash, t.kind, t.expiresAt, t.label ?? null],
  );
}

export interface TokenOwner extends UserRow {
  tokenId: number;
  tokenKind: TokenKind;
  /** Whether last_used_at is older than the recording interval (so a touch is due). */
  touchDue: boolean;
}

/** For each token hash, the active user behind it if the token is live (unexpired, unrevoked). */
export async function findTokenOwners(db: Queryable, tokenHashes: readonly Buffer[]): Promise<(TokenOwner | undefined)[]> {
  const r = await db.query<TokenOwner & { ord: string }>(
    `SELECT h.ord, u.id::int AS id, u.email, u.name, u.role, u.languages, u.active, u.ui_language AS "uiLanguage", u.created_at AS "createdAt",
            t.id::int AS "tokenId", t.kind AS "tokenKind",
            (t.last_used_at IS NULL OR t.last_used_at < now() - interval '5 minutes') AS "touchDue"
       FROM unnest($1::bytea[]) WITH ORDINALITY AS h(token_hash, ord)
       JOIN auth_tokens t ON t.token_hash = h.token_hash
       JOIN users u ON u.id = t.user_id
      WHERE t.revoked_at IS NULL AND t.expires_at > now() AND u.active`,
    [tokenHashes],
  );
  const out: (TokenOwner | undefined)[] = tokenHashes.map(() => undefined);
  for (const { ord, ...owner } of r.rows) out[Number(ord) - 1] = owner;
  return out;
}

/** Which of these tokens are still live: unexpired, unrevoked, their user active. */
export async function liveTokenIds(db: Queryable, tokenIds: readonly number[]): Promise<number[]> {
  const r = await db.query<{ id: number }>(
    `SELECT t.id::int AS id FROM auth_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.id = ANY($1::bigint[]) AND t.revoked_at IS NULL AND t.expires_at > now() AND u.active`,
    [tokenIds],
  );
  return r.rows.map((row) => row.id);
}

/** Records use at most every few minutes, so reads do not turn into writes. */
export async function touchToken(db: Queryable, tokenId: number): Promise<void> {
  await db.query(
    `UPDATE auth_tokens SET last_used_at = now()
      WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '5 minutes')`,
    [tokenId],
  );
}

export async function revokeToken(db: Queryable, tokenId: number): Promise<void> {
  await db.query('UPDATE auth_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [tokenId]);
}

export async function revokeAllTokensOf(db: Queryable, userId: number): Promise<void> {
  await db.query('UPDATE auth_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
}

export async function revokeOtherTokensOf(db: Queryable, userId: number, keepTokenId: number): Promise<void> {
  await db.query('UPDATE auth_tokens SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL', [
    userId,
    keepTokenId,
  ]);
}
