import type { CodeProblem } from '@lockstep/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorText } from '../components/ErrorMessage';
import type { SaveWarning } from '../types';
import type { SegmentNote } from './useEditor';

/** A code problem in the reader's language: by its kind, else the text the checker gave. */
function problemText(t: TFunction, exists: (key: string) => boolean, problem: Partial<CodeProblem>): string {
  const key = `editor.codeProblems.${problem.kind ?? ''}`;
  if (problem.kind && exists(key)) return t(key, { id: problem.id ?? '' });
  return problem.message ?? t('editor.codeProblems.other');
}

/** The server's 422 details, when they are code problems (`[...]` or `{problems: [...]}`). */
function serverProblems(details: unknown): Partial<CodeProblem>[] {
  const list = Array.isArray(details) ? details : (details as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(list) ? list.filter((p): p is Partial<CodeProblem> => typeof p === 'object' && p !== null) : [];
}

/** What a QA finding names (the missing numbers, dates, addresses, marks), as written in the text. */
function detailItems(details: unknown): string[] {
  if (typeof details !== 'object' || details === null) return [];
  const { missing, numbers, terms } = details as { missing?: unknown; numbers?: unknown; terms?: unknown };
  const list = Array.isArray(missing) ? missing : Array.isArray(numbers) ? numbers : Array.isArray(terms) ? terms : [];
  return list.flatMap((item: unknown) => {
    if (typeof item === 'string') return [item];
    const o = item as { text?: unknown; url?: unknown; mark?: unknown; term?: unknown } | null;
    const value = o?.text ?? o?.url ?? o?.mark ?? o?.term;
    return typeof value === 'string' ? [value] : [];
  });
}

function warningText(t: TFunction, exists: (key: string) => boolean, warning: SaveWarning): string {
  // The glossary's findings keep their strings with the rest of the glossary's.
  const key = warning.code?.startsWith('glossary_') ? `glossary.warnings.${warning.code}` : `editor.warnings.${warning.code}`;
  if (!warning.code || !exists(key)) return warning.message || t('editor.warnings.other');
  const items = [...new Set(detailItems(warning.details))];
  return items.length > 0 ? t('editor.warnings.withItems', { message: t(key), items: items.join(', ') }) : t(key);
}

/**
 * The QA checks' findings on the text being typed (shared `checkSegment`, run in the browser).
 * The region is always there, so screen readers hear findings as they come and go.
 */
export function LiveQaNotes({ warnings }: { warnings: readonly SaveWarning[] }) {
  const { t, i18n } = useTranslation();
  const exists = (key: string) => i18n.exists(key);
  return (
    <div className="live-qa" aria-live="polite">
      {warnings.length > 0 && (
        <div className="editor-note editor-note--warning">
          <p>{t('editor.qa.title', { count: warnings.length })}</p>
          <ul>
            {warnings.map((w, i) => (
              <li key={i} data-code={typeof w === 'string' ? undefined : w.code}>
                {warningText(t, exists, w)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** What the checks and the server said about the segment, next to the text it is about. */
export function Notes({ note, problems }: { note: SegmentNote; problems: readonly CodeProblem[] }) {
  const { t, i18n } = useTranslation();
  const exists = (key: string) => i18n.exists(key);
  const fromServer = note.error?.status === 422 ? serverProblems(note.error.details) : [];
  const shown = problems.length > 0 ? problems : fromServer;
  return (
    <>
      {note.emptyText && (
        <p className="editor-note editor-note--error" role="alert">
          {t('editor.emptyText')}
        </p>
      )}
      {shown.length > 0 && (
        <div className="editor-note editor-note--error" role="alert">
          <p>{t('editor.codeProblems.title')}</p>
          <ul>
            {shown.map((p, i) => (
              <li key={i}>{problemText(t, exists, p)}</li>
            ))}
          </ul>
        </div>
      )}
      {note.error && shown.length === 0 && (
        <p className="editor-note editor-note--error" role="alert">
          {errorText(t, note.error)}
        </p>
      )}
      {note.changedBy !== undefined && (
        <p className="editor-note editor-note--info" role="status">
          {t('editor.live.draftKept', { name: note.changedBy || t('editor.conflict.someone') })}
        </p>
      )}
      {note.changedMeanwhile && (
        <p className="editor-note editor-note--warning" role="alert">
          {t('editor.changedMeanwhile')}
        </p>
      )}
      {note.warnings && note.warnings.length > 0 && (
        <div className="editor-note editor-note--warning" role="status">
          <p>{t('editor.warnings.title', { count: note.warnings.length })}</p>
          <ul>
            {note.warnings.map((w, i) => (
              <li key={i}>{warningText(t, exists, w)}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
