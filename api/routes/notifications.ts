import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../plugins/auth';
import { protectedErrors, ZPagination, ZUuidParam } from '../schemas/common';
import type { NotificationService } from '../services/notification-service';

const ZNotificationView = z.object({
  id: z.string(),
  kind: z.string().describe("e.g. 'policy.match' (measure 1)"),
  title: z.string(),
  body: z.string(),
  payload: z.unknown(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

const ZNotificationQuery = ZPagination.extend({
  unread: z.enum(['true', 'false']).default('false').describe('true: unread only'),
});

export const notificationRoutes: FastifyPluginAsyncZod<{ notifications: NotificationService }> = async (app, { notifications }) => {
  app.get(
    '/api/v1/notifications',
    {
      config: { buyerMay: true },
      schema: {
        tags: ['notifications'],
        summary: "The signed-in user's notifications, newest first",
        security: [{ bearer: [] }],
        querystring: ZNotificationQuery,
        response: { 200: z.object({ items: z.array(ZNotificationView) }), ...protectedErrors },
      },
    },
    async (request) => {
      const { unread, ...page } = request.query;
      return { items: await notifications.list(actorOf(request), { ...page, unread: unread === 'true' }) };
    },
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { buyerMay: true },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of your notifications read (someone else’s: 404)',
        security: [{ bearer: [] }],
        params: ZUuidParam,
        response: { 200: ZNotificationView, ...protectedErrors },
      },
    },
    async (request) => notifications.markRead(actorOf(request), request.params.id),
  );
};
