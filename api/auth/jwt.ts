// Minimal HS256 JSON Web Tokens with node's crypto: short-lived bearer tokens for the API.
// Only HS256 is accepted (the header's alg is checked, never trusted).
import { createHmac, timingSafeEqual, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../domain/errors';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export const ZTokenClaims = z.object({
  sub: z.string(),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string(),
});
export type TTokenClaims = z.infer<typeof ZTokenClaims>;

function sign(data: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

export function issueToken(userId: string, secret: string, ttlSeconds: number, nowMs: number): { token: string; expiresAt: Date } {
  const iat = Math.floor(nowMs / 1000);
  const claims: TTokenClaims = { sub: userId, iat, exp: iat + ttlSeconds, jti: randomUUID() };
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return { token: `${body}.${sign(body, secret).toString('base64url')}`, expiresAt: new Date(claims.exp * 1000) };
}

export function verifyToken(token: string, secret: string, nowMs: number): TTokenClaims {
  const parts = token.split('.');
  const [header, payload, signature] = parts;
  if (parts.length !== 3 || !header || !payload || !signature) {
    throw new AppError('UNAUTHENTICATED', 'The bearer token is malformed; sign in again.');
  }
  if (header !== HEADER) throw new AppError('UNAUTHENTICATED', 'The bearer token uses an unsupported algorithm.');
  const expected = sign(`${header}.${payload}`, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError('UNAUTHENTICATED', 'The bearer token signature is invalid; sign in again.');
  }
  let claims: TTokenClaims;
  try {
    claims = ZTokenClaims.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('UNAUTHENTICATED', 'The bearer token payload is invalid; sign in again.');
  }
  if (claims.exp * 1000 <= nowMs) throw new AppError('TOKEN_EXPIRED', 'The bearer token has expired; sign in again.');
  return claims;
}
