import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isAppError } from '../../domain/errors';
import { ZErrorBody, ZUserView } from '../schemas/common';
import type { AuthService } from '../services/auth-service';

export const ZLogin = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict();

const ZRetryAfter = z.object({ retryAfterSeconds: z.number().int().positive() });

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService }> = async (app, { auth }) => {
  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in and receive a short-lived bearer token',
        description:
          'Failed sign-ins are limited per username (a lockout: 429 ACCOUNT_LOCKED, the right password included) and per client address (429 TOO_MANY_ATTEMPTS); both answers carry Retry-After.',
        body: ZLogin,
        response: { 200: z.object({ token: z.string(), expiresAt: z.string(), user: ZUserView }), 400: ZErrorBody, 401: ZErrorBody, 429: ZErrorBody },
      },
    },
    async (request, reply) => {
      // The answer carries a bearer token: no cache (browser, proxy) may keep it.
      void reply.header('cache-control', 'no-store');
      try {
        return await auth.login(request.body.username, request.body.password, { ip: request.ip });
      } catch (err) {
        const wait = isAppError(err) && err.httpStatus === 429 ? ZRetryAfter.safeParse(err.details) : null;
        if (wait?.success) void reply.header('retry-after', String(wait.data.retryAfterSeconds));
        throw err;
      }
    },
  );
};
