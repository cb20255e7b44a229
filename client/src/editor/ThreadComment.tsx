import { mayDeleteComment, mayEditComment, mayResolveQuestion } from '@lockstep/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatDateTime } from '../format';
import type { Comment, User } from '../types';
import { deleteComment, editComment, resolveQuestion } from './commentsApi';
import { useThreadWrite } from './useThreadWrite';

interface Props {
  comment: Comment;
  user: User;
  autonym: string;
  onChanged(comment: Comment): void;
}

/** One comment or question: who, when, its thread, its state, and what this user may do to it. */
export function ThreadComment({ comment: c, user, autonym, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const ui = i18n.resolvedLanguage ?? i18n.language;
  const [editing, setEditing] = useState<string>();
  const { busy, error, run } = useThreadWrite();
  const facts = { authorId: c.author.id, lang: c.lang, kind: c.kind };
  const when = (iso: string) => formatDateTime(ui, iso) ?? iso;

  const act = (write: () => Promise<Comment>) =>
    run(write, (changed) => {
      onChanged(changed);
      setEditing(undefined);
    });

  return (
    <li className={`thread__comment thread__comment--${c.kind}${c.open ? ' thread__comment--open' : ''}`} data-comment={c.id}>
      <div className="thread__meta">
        <span className="thread__kind">{c.kind === 'question' ? t('editor.threads.question') : t('editor.threads.comment')}</span>
        <span className="thread__scope">{c.lang === null ? t('editor.threads.allLanguages') : autonym}</span>
        {c.kind === 'question' && !c.deleted && (
          <span className={c.open ? 'thread__status thread__status--open' : 'thread__status'}>
            {c.open ? t('editor.threads.open') : t('editor.threads.resolvedBy', { name: c.resolvedBy?.name ?? '' })}
          </span>
        )}
        <span className="muted">{t('editor.threads.byAt', { name: c.author.name, date: when(c.createdAt) })}</span>
        {c.editedAt && !c.deleted && <span className="muted">{t('editor.threads.edited')}</span>}
      </div>
      {c.sourceChanged && <p className="thread__source-changed">{t('editor.threads.sourceChanged')}</p>}
      {c.deleted ? (
        <p className="segment-placeholder">{t('editor.threads.deletedBy', { name: c.deletedBy?.name ?? '' })}</p>
      ) : editing !== undefined ? (
        <form
          className="thread__edit"
          onSubmit={(event) => {
            event.preventDefault();
            void act(() => editComment(c.id, editing));
          }}
        >
          <textarea aria-label={t('editor.threads.editLabel')} value={editing} rows={2} onChange={(event) => setEditing(event.target.value)} />
          <button type="submit" className="button button--small" disabled={busy || !editing.trim()}>
            {t('editor.threads.save')}
          </button>
          <button type="button" className="button button--quiet button--small" onClick={() => setEditing(undefined)}>
            {t('editor.threads.cancel')}
          </button>
        </form>
      ) : (
        <p className="thread__text">{c.text}</p>
      )}
      {!c.deleted && c.mentions.length > 0 && (
        <p className="muted thread__mentions">{t('editor.threads.mentions', { names: c.mentions.map((m) => m.name).join(', ') })}</p>
      )}
      {c.edits.length > 0 && (
        <details className="thread__earlier">
          <summary>{t('editor.threads.earlier')}</summary>
          <ol>
            {c.edits.map((e) => (
              <li key={e.replacedAt + e.text}>
                <span className="muted">{when(e.replacedAt)}</span> {e.text}
              </li>
            ))}
          </ol>
        </details>
      )}
      {!c.deleted && editing === undefined && (
        <div className="thread__actions">
          {c.open && mayResolveQuestion(user, facts) && (
            <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void act(() => resolveQuestion(c.id))}>
              {t('editor.threads.resolve')}
            </button>
          )}
          {mayEditComment(user, facts) && (
            <button type="button" className="button button--quiet button--small" disabled={busy} onClick={() => setEditing(c.text ?? '')}>
              {t('editor.threads.edit')}
            </button>
          )}
          {mayDeleteComment(user, facts) && (
            <button type="button" className="button button--quiet button--small" disabled={busy} onClick={() => void act(() => deleteComment(c.id))}>
              {t('editor.threads.delete')}
            </button>
          )}
        </div>
      )}
      {error && <ErrorMessage error={error} />}
    </li>
  );
}
