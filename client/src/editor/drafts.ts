/**
 * Unsaved translations, per segment of one document × language. Kept in memory and mirrored
 * to sessionStorage, so switching segments, following a link or reloading the tab never loses
 * typing; a draft remembers the version it started from, so saving it later still detects
 * that someone else saved in between (409) instead of overwriting them.
 */
export interface Draft {
  text: string;
  baseVersion: number;
}

export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function draftStorageKey(doc: string, lang: string): string {
  return `lockstep.drafts.${doc}.${lang}`;
}

function isDraft(value: unknown): value is Draft {
  const d = value as Draft | null;
  return typeof d === 'object' && d !== null && typeof d.text === 'string' && Number.isInteger(d.baseVersion);
}

export class DraftStore {
  private readonly drafts = new Map<string, Draft>();

  constructor(
    private readonly key: string,
    private readonly storage: DraftStorage | undefined,
  ) {
    try {
      const stored: unknown = JSON.parse(storage?.getItem(key) ?? '{}');
      for (const [id, draft] of Object.entries(stored as Record<string, unknown>)) {
        if (isDraft(draft)) this.drafts.set(id, { text: draft.text, baseVersion: draft.baseVersion });
      }
    } catch {
      /* unreadable storage: start empty rather than fail to open the editor */
    }
  }

  get(id: string): Draft | undefined {
    return this.drafts.get(id);
  }

  has(id: string): boolean {
    return this.drafts.has(id);
  }

  get size(): number {
    return this.drafts.size;
  }

  ids(): string[] {
    return [...this.drafts.keys()];
  }

  set(id: string, draft: Draft): void {
    this.drafts.set(id, { ...draft });
    this.persist();
  }

  delete(id: string): void {
    if (this.drafts.delete(id)) this.persist();
  }

  private persist(): void {
    try {
      if (this.drafts.size === 0) this.storage?.removeItem(this.key);
      else this.storage?.setItem(this.key, JSON.stringify(Object.fromEntries(this.drafts)));
    } catch {
      /* storage full or disabled: the in-memory copy and the unload guard still protect the work */
    }
  }
}

/** The tab's sessionStorage, or none where the browser refuses it. */
export function sessionDraftStorage(): DraftStorage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
