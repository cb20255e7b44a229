import type { LanguageCode, Role } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  languages: LanguageCode[];
  active: boolean;
  /** The interface language the person chose; null: never chosen (the browser decides). */
  uiLanguage: LanguageCode | null;
  createdAt: Date;
}

export interface UserWithHash extends UserRow {
  passwordHash: string;
}

const COLUMNS = `id::int AS id, email, name, role, languages, active, ui_language AS "uiLanguage", created_at AS "createdAt"`;

export async function findUserByEmail(db: Queryable, email: string): Promise<UserWithHash | undefined> {
  const r = await db.query<UserWithHash>(
    `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM users WHERE email = $1`,
    [email],
  );
  return r.rows[0];
}

export async function findUserWithHashById(db: Queryable, id: number): Promise<UserWithHash | undefined> {
  const r = await db.query<UserWithHash>(
    `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM users WHERE id = $1`,
    [id],
  );
  return r.rows[0];
}

export async function listUsers(db: Queryable): Promise<UserRow[]> {
  return (await db.query<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY id`)).rows;
}

export async function countUsers(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return r.rows[0].n;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  languages: readonly string[];
  passwordHash: string;
}

/** Inserts the user; returns undefined when the e-mail is taken. */
export async function insertUser(db: Queryable, u: NewUser): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>(
    `INSERT INTO users (email, name, role, languages, password_hash)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (email) DO NOTHING
     RETURNING ${COLUMNS}`,
    [u.email, u.name, u.role, u.languages, u.passwordHash],
  );
  return r.rows[0];
}

export interface UserPatch {
  name?: string;
  role?: Role;
  languages?: readonly string[];
  active?: boolean;
  passwordHash?: string;
  /** null clears the choice; undefined leaves it. */
  uiLanguage?: LanguageCode | null;
}

export async function updateUser(db: Queryable, id: number, patch: UserPatch): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>(
    `UPDATE users SET
       name = COALESCE($2, name),
       role = COALESCE($3, role),
       languages = COALESCE($4, languages),
       active = COALESCE($5, active),
       password_hash = COALESCE($6, password_hash),
       ui_language = CASE WHEN $7 THEN $8 ELSE ui_language END,
       updated_at = now()
     WHERE id = $1
     RETURNING ${COLUMNS}`,
    [id, patch.name ?? null, patch.role ?? null, patch.languages ?? null, patch.active ?? null, patch.passwordHash ?? null, patch.uiLanguage !== undefined, patch.uiLanguage ?? null],
  );
  return r.rows[0];
}
