// The signed-in user's notifications (the outbox written by activities). Only the recipient
// sees or marks a notification; anyone else gets 404.
import type { Notification } from '../../generated/prisma/client';
import type { Actor } from '../../domain/roles';
import { notFound } from '../auth/guards';
import type { ServiceDeps } from './deps';

export function toNotificationView(n: Notification) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    payload: n.payload,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt === null ? null : n.readAt.toISOString(),
  };
}

export function createNotificationService({ repos, now }: ServiceDeps) {
  return {
    async list(actor: Actor, opts: { unread: boolean; limit: number; offset: number }) {
      const rows = await repos.notifications.listForRecipient(actor.userId, { unreadOnly: opts.unread, limit: opts.limit, offset: opts.offset });
      return rows.map(toNotificationView);
    },

    /** Marks read (idempotent: a second call keeps the first readAt). */
    async markRead(actor: Actor, id: string) {
      const found = await repos.notifications.findById(id);
      if (!found || found.recipientId !== actor.userId) throw notFound('Notification', id);
      if (found.readAt === null) await repos.notifications.markRead(id, now());
      const updated = await repos.notifications.findById(id);
      if (!updated) throw notFound('Notification', id);
      return toNotificationView(updated);
    },
  };
}
export type NotificationService = ReturnType<typeof createNotificationService>;
