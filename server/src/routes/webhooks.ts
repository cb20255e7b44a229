import { WEBHOOK_EVENTS } from '@lockstep/shared';
import { z } from 'zod';
import type { Db } from '../db/db.js';
import type { RouteTable } from '../http/routeTable.js';
import { createWebhook, deleteWebhook, listWebhooks, webhookDeliveries } from '../services/webhooks.js';

const NewWebhook = z.strictObject({
  url: z.string().trim().min(8).max(2000),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
  secret: z.string().min(16).max(200).optional(),
});
const WebhookId = z.coerce.number().int().positive().max(2 ** 53 - 1);
const Deliveries = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export function webhookRoutes(routes: RouteTable, db: Db, opts: { allowPrivate: boolean }): void {
  routes.add({
    method: 'get',
    path: '/api/webhooks',
    action: 'manageWebhooks',
    async handler(_req, res) {
      res.json({ webhooks: await listWebhooks(db) });
    },
  });
  routes.add({
    method: 'post',
    path: '/api/webhooks',
    action: 'manageWebhooks',
    async handler(req, res) {
      res.status(201).json(await createWebhook(db, req.auth!.user.id, NewWebhook.parse(req.body), opts));
    },
  });
  routes.add({
    method: 'delete',
    path: '/api/webhooks/:id',
    action: 'manageWebhooks',
    async handler(req, res) {
      await deleteWebhook(db, WebhookId.parse(req.params.id));
      res.status(204).end();
    },
  });
  routes.add({
    method: 'get',
    path: '/api/webhooks/:id/deliveries',
    action: 'manageWebhooks',
    async handler(req, res) {
      const { limit } = Deliveries.parse(req.query);
      res.json(await webhookDeliveries(db, WebhookId.parse(req.params.id), limit));
    },
  });
}
