// The notification outbox. Every notification has a dedupe key, so the same event (a reminder
// for one deadline, a match under one catalogue version) never notifies twice, whatever retries.
import { randomUUID } from 'node:crypto';
import type { PrismaClient, Prisma } from '../../generated/prisma/client';

export interface NewNotification {
  recipientId: string;
  kind: string;
  title: string;
  body: string;
  payload?: Prisma.InputJsonObject;
  dedupeKey: string;
  createdAt: Date;
}

export function createNotificationsRepository(prisma: PrismaClient) {
  return {
    /** Inserts unless the dedupe key exists; returns true when a new notification was written. */
    enqueue: async (n: NewNotification): Promise<boolean> => {
      const result = await prisma.notification.createMany({
        data: [{ id: randomUUID(), ...n, payload: n.payload ?? {} }],
        skipDuplicates: true,
      });
      return result.count === 1;
    },
    listForRecipient: (recipientId: string, opts: { unreadOnly: boolean; limit: number; offset: number }) =>
      prisma.notification.findMany({
        where: { recipientId, ...(opts.unreadOnly ? { readAt: null } : {}) },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: opts.limit,
        skip: opts.offset,
      }),
    findById: (id: string) => prisma.notification.findUnique({ where: { id } }),
    markRead: (id: string, at: Date) => prisma.notification.updateMany({ where: { id, readAt: null }, data: { readAt: at } }),
    /** The notifications of one event (a policy version's push), oldest first. */
    listByDedupePrefix: (prefix: string, opts: { limit: number; offset: number }) =>
      prisma.notification.findMany({ where: { dedupeKey: { startsWith: prefix } }, orderBy: [{ createdAt: 'asc' }, { dedupeKey: 'asc' }], take: opts.limit, skip: opts.offset }),
    countByDedupePrefix: (prefix: string) => prisma.notification.count({ where: { dedupeKey: { startsWith: prefix } } }),
  };
}
export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
