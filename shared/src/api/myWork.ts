import type { WorkCounts, WorkItem } from '../myWork.js';

export type { WorkCounts, WorkItem };

/** `GET /api/my-work`: the caller's documents × languages, newest revision first. */
export interface MyWork {
  items: WorkItem[];
}
