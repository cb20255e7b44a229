import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/*
 * The interface's `t` and i18next instance, subscribed to once at the root and handed down by
 * context. Components that mount by the dozen per frame (the editor's rows while the list
 * scrolls: number, badges, inline text, thread button) read it here rather than through
 * `useTranslation`, whose every mount copies the i18next instance (react-i18next 17: a
 * measured 1.6 ms of each scroll frame's ~11 ms of script on a 10,000-segment list). A language
 * change re-renders the root, which hands down a new value, and every reader re-renders.
 */

type UiText = Pick<ReturnType<typeof useTranslation>, 't' | 'i18n'>;

const UiTextContext = createContext<UiText | null>(null);

export function UiTextProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const value = useMemo(() => ({ t, i18n }), [t, i18n, lng]);
  return <UiTextContext.Provider value={value}>{children}</UiTextContext.Provider>;
}

export function useUiText(): UiText {
  const value = useContext(UiTextContext);
  if (!value) throw new Error('useUiText needs a UiTextProvider above it (main.tsx)');
  return value;
}
