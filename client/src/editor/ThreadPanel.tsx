import { mayComment } from '@lockstep/shared';
import { useCallback, useEffect, useState, type MouseEvent } from 'react';
import { useUiText } from '../uiText';
import { asApiError, ApiError } from '../api';
import { ErrorMessage, Loading } from '../components/ErrorMessage';
import type { Comment, CommentKind, User } from '../types';
import type { EditorSegment } from './compactSegments';
import { loadThread, onThreadChanged, postComment } from './commentsApi';
import { ThreadComment } from './ThreadComment';
import { useThreadWrite } from './useThreadWrite';

interface Props {
  doc: string;
  lang: string;
  autonym: string;
  segment: EditorSegment;
  user: User;
}

// Clicks inside the panel must not reach the row, which would open the segment's editor.
const keepInside = (event: MouseEvent) => event.stopPropagation();

/**
 * A segment's questions and comments (its language's thread and the one for all languages):
 * a toggle on the row, and when open the thread with a form to ask, comment and resolve.
 */
export function ThreadPanel({ doc, lang, autonym, segment, user }: Props) {
  const { t } = useUiText();
  const [open, setOpen] = useState(false);
  const [comments, setComments] = useState<Comment[]>();
  const [error, setError] = useState<ApiError>();
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    setError(undefined);
    loadThread(doc, segment.id, lang, controller.signal).then(setComments, (err: unknown) => {
      if (!controller.signal.aborted) setError(asApiError(err));
    });
    return () => controller.abort();
  }, [open, doc, lang, segment.id, attempt]);

  // Someone else wrote in this thread (a live event): read it again while it is open.
  useEffect(() => (open ? onThreadChanged((id) => id === segment.id && reload()) : undefined), [open, segment.id, reload]);

  const replace = (next: Comment) => setComments((old) => old?.map((c) => (c.id === next.id ? next : c)));
  const panelId = `thread-${segment.id}`;
  return (
    <div className="thread" onClick={keepInside}>
      <button type="button" className="button button--quiet button--small thread__toggle" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {open ? t('editor.threads.hide') : t('editor.threads.show')}
      </button>
      {open && (
        <section id={panelId} className="thread__panel" aria-label={t('editor.threads.title')}>
          {error && <ErrorMessage error={error} onRetry={reload} />}
          {!error && !comments && <Loading />}
          {comments?.length === 0 && <p className="muted">{t('editor.threads.empty')}</p>}
          {comments && comments.length > 0 && (
            <ol className="thread__list">
              {comments.map((c) => (
                <ThreadComment key={c.id} comment={c} user={user} autonym={autonym} onChanged={replace} />
              ))}
            </ol>
          )}
          <NewComment doc={doc} lang={lang} autonym={autonym} segmentId={segment.id} user={user} onPosted={(c) => setComments((old) => [...(old ?? []), c])} />
        </section>
      )}
    </div>
  );
}

interface NewCommentProps {
  doc: string;
  lang: string;
  autonym: string;
  segmentId: string;
  user: User;
  onPosted(comment: Comment): void;
}

/** Ask or comment, in this language's thread (when one may) or in the thread for all languages. */
function NewComment({ doc, lang, autonym, segmentId, user, onPosted }: NewCommentProps) {
  const { t } = useUiText();
  const inLanguage = mayComment(user, lang);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<CommentKind>('question');
  const [scope, setScope] = useState<'lang' | 'all'>(inLanguage ? 'lang' : 'all');
  const { busy, error, run } = useThreadWrite();

  const send = () =>
    run(
      () => postComment(doc, segmentId, { text, kind, lang: scope === 'lang' ? lang : null }),
      (posted) => {
        onPosted(posted);
        setText('');
      },
    );

  return (
    <form
      className="thread__new"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label className="thread__label">
        {t('editor.threads.newLabel')}
        <textarea value={text} rows={2} placeholder={t('editor.threads.placeholder')} onChange={(event) => setText(event.target.value)} />
      </label>
      <div className="thread__options">
        <label>
          {t('editor.threads.kindLabel')}{' '}
          <select value={kind} onChange={(event) => setKind(event.target.value as CommentKind)}>
            <option value="question">{t('editor.threads.question')}</option>
            <option value="comment">{t('editor.threads.comment')}</option>
          </select>
        </label>
        <label>
          {t('editor.threads.scopeLabel')}{' '}
          <select value={scope} onChange={(event) => setScope(event.target.value as 'lang' | 'all')}>
            {inLanguage && <option value="lang">{autonym}</option>}
            <option value="all">{t('editor.threads.allLanguages')}</option>
          </select>
        </label>
        <button type="submit" className="button button--small" disabled={busy || !text.trim()}>
          {kind === 'question' ? t('editor.threads.ask') : t('editor.threads.post')}
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
    </form>
  );
}
