import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import type { DocumentListEntry } from '@lockstep/shared/api';
import { apiPath } from '../../api';
import type { User } from '../../types';
import { useResource } from '../../useResource';
import { NewUserForm } from './NewUserForm';
import { UserTable } from './UserTable';

/** `/users` (administrators): every account, a new one, roles, languages and deactivation. */
export function UsersPage({ user: me }: { user: User }) {
  const { t } = useTranslation();
  const isAdmin = me.role === 'admin';
  const [list, reload] = useResource<{ users: User[] }>(isAdmin ? '/api/users' : undefined);
  // Languages are offered as documents are translated into them, not a document's own source.
  const [documents] = useResource<DocumentListEntry[]>(isAdmin ? apiPath(['documents']) : undefined);
  // Changes made here, laid over the fetched list (a reload is not needed after each).
  const [changed, setChanged] = useState<ReadonlyMap<number, User>>(new Map());
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    document.title = t('users.documentTitle', { app: t('app.name') });
  }, [t]);

  if (!isAdmin) {
    return (
      <div className="notice notice--error" role="alert">
        <p>{t('users.adminOnly')}</p>
      </div>
    );
  }

  const record = (user: User, message: string) => {
    setChanged((old) => new Map(old).set(user.id, user));
    setAnnouncement(message);
  };
  const targets = documents.status === 'ready' ? documents.data : undefined;
  const fetched = list.status === 'ready' ? list.data.users : [];
  const known = new Set(fetched.map((u) => u.id));
  const users = [...fetched.map((u) => changed.get(u.id) ?? u), ...[...changed.values()].filter((u) => !known.has(u.id))];

  return (
    <>
      <div className="page-head">
        <h1>{t('users.title')}</h1>
      </div>
      <section className="card page-section" aria-labelledby="users-list">
        <h2 id="users-list">{t('users.listTitle')}</h2>
        {list.status === 'loading' && <Loading />}
        {list.status === 'error' && <ErrorMessage error={list.error} onRetry={reload} />}
        {list.status === 'ready' && <UserTable users={users} me={me} documents={targets} onChanged={record} />}
      </section>
      <section className="card page-section">
        <NewUserForm documents={targets} onCreated={(user) => record(user, t('users.created', { name: user.name }))} />
      </section>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
