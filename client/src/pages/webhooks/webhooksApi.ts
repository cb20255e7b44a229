import type { WebhookEvent } from '@lockstep/shared';

/** The server's webhook shapes (docs/openapi.yaml). */

/** i18n key fragments: event names hold dots, which i18next reads as nesting. */
export const EVENT_KEY: Record<WebhookEvent, string> = {
  publish: 'publish',
  'import.applied': 'importApplied',
  'language.complete': 'languageComplete',
};

export interface Webhook {
  id: number;
  url: string;
  events: WebhookEvent[];
  createdAt: string;
  createdBy: string | null;
}

export interface Delivery {
  id: number;
  event: WebhookEvent;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
  log: { attempt: number; status: number | null; error: string | null; durationMs: number; at: string }[];
}
