import { describe, expect, test } from '@jest/globals';
import { clientModule } from './clientModule.js';

interface Draft {
  text: string;
  baseVersion: number;
}
interface DraftStore {
  get(id: string): Draft | undefined;
  set(id: string, draft: Draft): void;
  delete(id: string): void;
  ids(): string[];
  readonly size: number;
}
type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

const { DraftStore, draftStorageKey } = await clientModule<{
  DraftStore: new (key: string, storage: Storage | undefined) => DraftStore;
  draftStorageKey(doc: string, lang: string): string;
}>('editor/drafts.ts');

function memoryStorage(initial: Record<string, string> = {}): Storage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => void (data[k] = v),
    removeItem: (k) => void delete data[k],
  };
}

describe('unsaved drafts', () => {
  const key = draftStorageKey('statement', 'ko');

  test('survive a new store on the same storage (a reload of the tab), with the version they started from', () => {
    const storage = memoryStorage();
    new DraftStore(key, storage).set('s5', { text: '초안', baseVersion: 3 });
    const reopened = new DraftStore(key, storage);
    expect(reopened.get('s5')).toEqual({ text: '초안', baseVersion: 3 });
    expect(reopened.ids()).toEqual(['s5']);
  });

  test('are kept per document and language', () => {
    const storage = memoryStorage();
    new DraftStore(key, storage).set('s5', { text: '초안', baseVersion: 3 });
    expect(new DraftStore(draftStorageKey('statement', 'hi'), storage).size).toBe(0);
  });

  test('leave no trace in storage once all are saved or discarded', () => {
    const storage = memoryStorage();
    const store = new DraftStore(key, storage);
    store.set('s5', { text: 'x', baseVersion: 1 });
    store.delete('s5');
    expect(storage.data).toEqual({});
  });

  test('unreadable or refused storage does not stop the editor', () => {
    expect(new DraftStore(key, memoryStorage({ [key]: '{not json' })).size).toBe(0);
    expect(new DraftStore(key, memoryStorage({ [key]: '{"s1":{"text":5}}' })).size).toBe(0);
    const full = { ...memoryStorage(), setItem: () => { throw new Error('QuotaExceededError'); } };
    const store = new DraftStore(key, full);
    store.set('s1', { text: 'kept in memory', baseVersion: 1 });
    expect(store.get('s1')?.text).toBe('kept in memory');
    expect(new DraftStore(key, undefined).size).toBe(0);
  });
});
