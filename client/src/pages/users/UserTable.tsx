import { ROLES, isRole, type LanguageCode } from '@lockstep/shared';
import { Fragment, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, ApiError, api, apiPath } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { Role, User } from '../../types';
import { LanguageChoices, LanguageList } from './LanguageChoices';
import type { DocumentTargets } from './offeredLanguages';

interface Props {
  users: User[];
  me: User;
  /** The documents, whose target languages are offered (`offeredLanguages`). */
  documents?: readonly DocumentTargets[];
  onChanged(user: User, message: string): void;
}

/** The accounts, with an edit form that opens under a row, and deactivation in one click. */
export function UserTable({ users, me, documents, onChanged }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<number>();
  const [busy, setBusy] = useState<number>();
  const [error, setError] = useState<{ id: number; error: ApiError }>();

  const patch = async (user: User, change: Partial<Pick<User, 'role' | 'languages' | 'active'>>, message: string) => {
    setBusy(user.id);
    setError(undefined);
    try {
      const result = await api.patch<{ user: User }>(apiPath(['users', user.id]), change);
      onChanged(result.user, message);
      return true;
    } catch (err) {
      setError({ id: user.id, error: asApiError(err) });
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="table-scroll">
      <table className="data-table user-table">
        <caption className="visually-hidden">{t('users.listTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.email')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.languages')}</th>
            <th scope="col">{t('users.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('users.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const active = user.active !== false;
            const self = user.id === me.id;
            return (
              <Fragment key={user.id}>
                <tr className={active ? undefined : 'user-table__inactive'} data-email={user.email}>
                  <th scope="row">
                    <bdi>{user.name}</bdi>
                  </th>
                  <td>{user.email}</td>
                  <td>{t(`roles.${user.role}`)}</td>
                  <td>
                    <LanguageList codes={user.languages} />
                  </td>
                  <td>{active ? t('users.active') : t('users.inactive')}</td>
                  <td className="user-table__actions">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-expanded={editing === user.id}
                      onClick={() => setEditing(editing === user.id ? undefined : user.id)}
                    >
                      {t('users.edit')}
                      <span className="visually-hidden"> {user.name}</span>
                    </button>
                    {!self && (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        disabled={busy === user.id}
                        onClick={() =>
                          void patch(user, { active: !active }, t(active ? 'users.deactivated' : 'users.reactivated', { name: user.name }))
                        }
                      >
                        {active ? t('users.deactivate') : t('users.reactivate')}
                        <span className="visually-hidden"> {user.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
                {error?.id === user.id && (
                  <tr>
                    <td colSpan={6}>
                      <ErrorMessage error={error.error} />
                    </td>
                  </tr>
                )}
                {editing === user.id && (
                  <tr className="user-table__editor">
                    <td colSpan={6}>
                      <EditUser
                        documents={documents}
                        user={user}
                        self={self}
                        busy={busy === user.id}
                        onCancel={() => setEditing(undefined)}
                        onSave={async (change) => {
                          if (await patch(user, change, t('users.saved', { name: user.name }))) setEditing(undefined);
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface EditProps {
  user: User;
  self: boolean;
  busy: boolean;
  documents?: readonly DocumentTargets[];
  onSave(change: { role: Role; languages: LanguageCode[] }): void;
  onCancel(): void;
}

function EditUser({ user, self, busy, documents, onSave, onCancel }: EditProps) {
  const { t } = useTranslation();
  const roleId = useId();
  const [role, setRole] = useState<Role>(user.role);
  const [languages, setLanguages] = useState<LanguageCode[]>(user.languages);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({ role, languages });
  };
  return (
    <form className="user-edit" onSubmit={submit} aria-label={t('users.editTitle', { name: user.name })}>
      <div className="field">
        <label htmlFor={roleId}>{t('users.role')}</label>
        {/* An administrator cannot take away their own role (the server refuses it too). */}
        <select id={roleId} value={role} disabled={self} onChange={(e) => isRole(e.target.value) && setRole(e.target.value)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <LanguageChoices value={languages} documents={documents} onChange={setLanguages} />
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('users.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('users.cancel')}
        </button>
      </div>
    </form>
  );
}
