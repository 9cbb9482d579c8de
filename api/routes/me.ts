import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../plugins/auth';
import { protectedErrors, ZUserView } from '../schemas/common';
import type { UserService } from '../services/user-service';
import { ZCreateUser } from '../services/user-service';

export const userRoutes: FastifyPluginAsyncZod<{ users: UserService }> = async (app, { users }) => {
  app.get(
    '/api/v1/me',
    { config: { buyerMay: true }, schema: { tags: ['auth'], summary: 'The signed-in account', security: [{ bearer: [] }], response: { 200: ZUserView, ...protectedErrors } } },
    async (request) => users.me(actorOf(request)),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create an account (admin)',
        security: [{ bearer: [] }],
        body: ZCreateUser,
        response: { 201: ZUserView, ...protectedErrors, 409: protectedErrors[400] },
      },
    },
    async (request, reply) => reply.status(201).send(await users.create(actorOf(request), request.body)),
  );
};
