import { useTranslation } from 'react-i18next';

/**
 * The import rule's reasons are English sentences (design/api.md: `{unit, reason}`); the ones it
 * always gives are shown in the reader's language, any other as the server wrote it.
 */
const KNOWN_REASONS: Record<string, string> = {
  'The source of this segment changed since the file was exported.': 'xliff.reasons.sourceChanged',
  'The translation on the server changed since the file was exported, and differs from the file.': 'xliff.reasons.serverChanged',
  'The document has no live segment with this id.': 'exchange2.reasons.unknown',
  locked: 'exchange2.reasons.locked',
};

export function Reason({ text }: { text: string }) {
  const { t } = useTranslation();
  const key = KNOWN_REASONS[text];
  return key ? <>{t(key)}</> : <span lang="en">{text}</span>;
}
