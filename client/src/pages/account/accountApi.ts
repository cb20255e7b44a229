import { api } from '../../api';
import { changeUiLanguage, UI_LANGUAGES } from '../../i18n';
import type { OwnAccountChange, User } from '../../types';

/** `PATCH /api/users/me`: one's own name and interface language, kept on the server. */
export async function saveOwnAccount(change: OwnAccountChange): Promise<User> {
  return (await api.patch<{ user: User }>('/api/users/me', change)).user;
}

/**
 * The interface language the account chose, applied in this browser: a choice made in another
 * browser wins over this one's memory. Nothing chosen (null): this browser's choice stays.
 */
export async function applyAccountLanguage(user: User): Promise<void> {
  if (user.uiLanguage && UI_LANGUAGES.includes(user.uiLanguage)) await changeUiLanguage(user.uiLanguage);
}
