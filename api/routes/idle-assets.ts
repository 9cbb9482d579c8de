// The idle industrial asset ledger (measure 37): register, change status, list (JSON or CSV), one
// entry with its history.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdleAssetStatus, ZIdleAssetStatusChange, ZRegisterIdleAsset } from '../../domain/idle-assets';
import { actorOf } from '../plugins/auth';
import { protectedErrors, ZErrorBody, ZPagination, ZUuidParam } from '../schemas/common';
import { IDLE_ASSET_CSV_COLUMNS, idleAssetCsvRow, type IdleAssetService } from '../services/idle-asset-service';
import { CSV_MAX_ROWS, jsonOrCsv, sendCsv, wantsCsv } from './csv-reply';

const ZIdleAssetView = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  location: z.string(),
  areaM2: z.int().nullable(),
  capacity: z.string().nullable(),
  holder: z.string(),
  holderEnterpriseId: z.string().nullable(),
  status: ZIdleAssetStatus,
  revitalisedCaseId: z.string().nullable().describe('the M37 case whose approval revitalised it'),
  registeredBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const ZListQuery = ZPagination.extend({ status: ZIdleAssetStatus.optional() });

export const idleAssetRoutes: FastifyPluginAsyncZod<{ assets: IdleAssetService }> = async (app, { assets }) => {
  const tags = ['idle-assets'];
  const security = [{ bearer: [] }];

  app.post(
    '/api/v1/idle-assets',
    {
      schema: { tags, security, summary: 'Register an idle asset in the ledger (GXJ staff; an enterprise: the assets it holds); audited', body: ZRegisterIdleAsset, response: { 201: ZIdleAssetView, ...protectedErrors } },
    },
    async (request, reply) => reply.status(201).send(await assets.register(actorOf(request), request.body)),
  );

  app.post(
    '/api/v1/idle-assets/:id/status',
    {
      schema: {
        tags,
        security,
        summary: 'Change the status of an entry (GXJ staff, or its holder: idle / in negotiation); kept in its history; audited',
        params: ZUuidParam,
        body: ZIdleAssetStatusChange,
        response: { 200: ZIdleAssetView, ...protectedErrors, 409: ZErrorBody },
      },
    },
    async (request) => assets.setStatus(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/idle-assets',
    {
      schema: {
        tags,
        security,
        summary: 'The idle-asset ledger, oldest first; Accept: text/csv exports it',
        querystring: ZListQuery,
        response: { 200: jsonOrCsv(z.object({ items: z.array(ZIdleAssetView) }), IDLE_ASSET_CSV_COLUMNS), ...protectedErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!wantsCsv(request)) return { items: await assets.list(actor, request.query) };
      const all = await assets.list(actor, { status: request.query.status, limit: CSV_MAX_ROWS, offset: 0 });
      return sendCsv(reply, { filename: 'idle-assets.csv', header: IDLE_ASSET_CSV_COLUMNS, rows: all.map(idleAssetCsvRow), nextCursor: null });
    },
  );

  app.get(
    '/api/v1/idle-assets/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One ledger entry with its history',
        params: ZUuidParam,
        response: { 200: ZIdleAssetView.extend({ history: z.array(z.object({ at: z.string(), status: ZIdleAssetStatus, by: z.string(), note: z.string().nullable() })) }), ...protectedErrors },
      },
    },
    async (request) => assets.get(actorOf(request), request.params.id),
  );
};
