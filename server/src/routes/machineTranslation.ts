import type { Db } from '../db/db.js';
import { clientGone } from '../http/clientGone.js';
import { param, type RouteTable } from '../http/routeTable.js';
import type { MachineTranslation } from '../mt/machineTranslation.js';
import { machineSuggestions } from '../services/machineTranslation.js';

export function machineTranslationRoutes(routes: RouteTable, db: Db, mt: MachineTranslation): void {
  // Those who may write the language: a draft is only of use to them, and engines may be paid per character.
  routes.add({
    method: 'get',
    path: '/api/documents/:doc/segments/:seg/mt/:lang',
    action: 'translate',
    async handler(req, res) {
      const ref = { documentId: param(req, 'doc'), segmentId: param(req, 'seg'), lang: param(req, 'lang') };
      res.json(await machineSuggestions(db, mt, ref, clientGone(res)));
    },
  });
}
