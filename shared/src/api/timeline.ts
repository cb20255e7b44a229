/** The values at the end of one UTC day or hour, holding until the next point. */
export interface TimelinePoint {
  /** `YYYY-MM-DD` (UTC): the day of the point. */
  date: string;
  /** The start of the point's day or hour, `YYYY-MM-DDTHH:00:00Z`. */
  at: string;
  /** Done segments (translated, approved). */
  completed: number;
  /** Live translatable segments; locked segments are not work and count in neither. */
  total: number;
  completedWords: number;
  totalWords: number;
}

/** `GET …/progress/timeline`: completion per day (or hour), replayed from the history. */
export interface Timeline {
  revision: number;
  /** How the history is cut: days, or hours while the document's history is under three days long. */
  bucket: 'day' | 'hour';
  /** Per target language, one point per day or hour in which the document's history changed. */
  languages: Record<string, TimelinePoint[]>;
  /** When each revision was published (`date`: the UTC day, `at`: the moment), to mark on the chart. */
  revisions: { number: number; date: string; at: string }[];
}
