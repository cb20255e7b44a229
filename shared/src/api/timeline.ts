/** The values at the end of one UTC day, holding until the next point. */
export interface TimelinePoint {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  /** Done segments (translated, approved). */
  completed: number;
  /** Live translatable segments; locked segments are not work and count in neither. */
  total: number;
  completedWords: number;
  totalWords: number;
}

/** `GET …/progress/timeline`: completion per day, replayed from the history. */
export interface Timeline {
  revision: number;
  /** Per target language, one point per day on which the document's history changed. */
  languages: Record<string, TimelinePoint[]>;
  /** When each revision was published (UTC day), to mark on the chart. */
  revisions: { number: number; date: string }[];
}
