import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { notFound } from '@lockstep/shared';
import { REPO_ROOT } from '../config.js';
import type { RouteTable } from '../http/routeTable.js';

/** The API description in the repository, beside the server package like the client bundle. */
export const OPENAPI_FILE = path.join(REPO_ROOT, 'docs', 'openapi.yaml');

/**
 * `GET /api/openapi.yaml`: the OpenAPI 3.1 description of every route (api.md asks for one the
 * server serves). Read once at start: the file changes only with the code that it describes.
 * An installation without docs/ still starts; the route then says what is missing.
 */
export function openApiRoutes(routes: RouteTable, file = OPENAPI_FILE): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  routes.add({
    method: 'get',
    path: '/api/openapi.yaml',
    action: 'public',
    handler(_req, res) {
      if (text === undefined) {
        throw notFound('openapi_missing', 'This installation has no API description: docs/openapi.yaml is missing from the repository.');
      }
      res.type('text/yaml; charset=utf-8').send(text);
    },
  });
}
