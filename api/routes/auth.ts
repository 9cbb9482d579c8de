import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZErrorBody, ZUserView } from '../schemas/common';
import type { AuthService } from '../services/auth-service';

export const ZLogin = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict();

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService }> = async (app, { auth }) => {
  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in and receive a short-lived bearer token',
        body: ZLogin,
        response: { 200: z.object({ token: z.string(), expiresAt: z.string(), user: ZUserView }), 400: ZErrorBody, 401: ZErrorBody },
      },
    },
    async (request) => auth.login(request.body.username, request.body.password, { ip: request.ip }),
  );
};
