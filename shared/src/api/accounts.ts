import type { LanguageCode } from '../languages.js';
import type { Role } from '../roles.js';

export type { Role };

/** An account as the API shows it (`components.schemas.User`); never its password hash. */
export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The languages a translator or reviewer works in. */
  languages: LanguageCode[];
  active: boolean;
  /** The interface language the person chose (`PATCH /api/users/me`); null: the browser's languages decide. */
  uiLanguage: LanguageCode | null;
}

/** `PATCH /api/users/me`: what anyone may change about their own account. */
export interface OwnAccountChange {
  name?: string;
  uiLanguage?: LanguageCode | null;
}

/** `POST /api/session`. */
export interface Session {
  /** For `Authorization: Bearer`; also the session cookie's value. */
  token: string;
  /** For `X-CSRF-Token` on cookie-authenticated writes. */
  csrfToken: string;
  user: User;
}

/** `GET /api/users/me`: `csrfToken` only when authenticated by the session cookie. */
export interface Me {
  user: User;
  csrfToken?: string;
}

/** `POST /api/users`, `PATCH /api/users/:id`. */
export interface UserEnvelope {
  user: User;
}

/** `GET /api/users`. */
export interface UserList {
  users: User[];
}
