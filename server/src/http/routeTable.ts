import { LockstepError, may, type Action } from '@lockstep/shared';
import type { Express, Request, RequestHandler, Response } from 'express';
import { actorOf } from './auth.js';
import { jsonBody } from './body.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec {
  method: Method;
  path: string;
  /** The row of api.md's "Who may do what" table that governs this route. */
  action: Action;
  /** For per-language actions: which language the request acts on. Defaults to the `:lang` parameter. */
  langOf?: (req: Request) => string | undefined;
  /** Request body handling; JSON with the default limit unless said otherwise. */
  body?: RequestHandler[] | 'none';
  handler: (req: Request, res: Response) => Promise<unknown> | unknown;
}

/**
 * Every API route is declared here with its permission, so permissions are checked in one
 * place, before any body is read, and a test can enumerate the table against Express's
 * registered routes (a route without a row cannot exist).
 */
export class RouteTable {
  readonly routes: RouteSpec[] = [];

  add(spec: RouteSpec): this {
    this.routes.push(spec);
    return this;
  }

  mount(app: Express): void {
    for (const spec of this.routes) {
      const body = spec.body === 'none' ? [] : (spec.body ?? (spec.method === 'get' || spec.method === 'delete' ? [] : jsonBody()));
      app[spec.method](spec.path, authorize(spec), ...body, async (req, res) => {
        await spec.handler(req, res);
      });
    }
  }
}

export function authorize(spec: Pick<RouteSpec, 'action' | 'langOf'>): RequestHandler {
  return (req, _res, next) => {
    if (spec.action === 'public') return next();
    const actor = actorOf(req.auth);
    if (!actor) throw new LockstepError('unauthenticated', 'sign_in_required', 'Sign in first.');
    const lang = spec.langOf ? spec.langOf(req) : param(req, 'lang') || undefined;
    if (!may(actor, spec.action, lang)) {
      throw new LockstepError(
        'forbidden',
        'not_allowed',
        lang && (spec.action === 'translate' || spec.action === 'approve')
          ? `Your account may not ${spec.action} in "${lang}".`
          : 'Your account may not do this.',
      );
    }
    next();
  };
}

/** A named path parameter as a string (Express types allow arrays for wildcard segments). */
export function param(req: Request, name: string): string {
  const v = (req.params as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v.join('/') : (v ?? '');
}
