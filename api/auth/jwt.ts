// HS256 JSON Web Tokens (RFC 7519), short-lived bearer tokens for the API, with key rotation:
// the current secret signs and names itself in the header's `kid`; previous secrets still verify
// the tokens they signed until they are removed from the configuration.
//
// Why node's crypto and not `jose`: jose 6 ships as ECMAScript modules only. This package compiles
// to CommonJS (tsconfig `module: node16` refuses the import with TS1479) and jest runs CommonJS
// through @swc/jest, which rewrites even `import('jose')` to `require` and fails with "Must use
// import to load ES Module". So the checks jose makes are made here, as strictly:
// - exactly three base64url segments in their one canonical spelling: no padding, no `+` or `/`,
//   and no unused low bits set in a last character (otherwise several spellings of one signature
//   would all verify, and a token would not be one string);
// - a header of exactly { alg: 'HS256', typ?: 'JWT', kid } (`alg` is checked, never trusted; any
//   other member, `crit` included, is refused because nothing here understands it);
// - the key is chosen by `kid` only; a token without a kid or with an unknown one is refused;
// - the HMAC is compared in constant time; then the claims are parsed by zod and `exp` checked.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../domain/errors';

export const ZTokenClaims = z.object({
  sub: z.string(),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string(),
});
export type TTokenClaims = z.infer<typeof ZTokenClaims>;

const ZTokenHeader = z
  .object({
    alg: z.literal('HS256'),
    typ: z.literal('JWT').optional(),
    kid: z.string().min(1).max(64),
  })
  .strict();

/** Far above any token issued here (about 300 characters); refuses megabytes before any work. */
const MAX_TOKEN_LENGTH = 4096;
const HMAC_SHA256_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The key id of a secret: 16 base64url characters (96 bits) of SHA-256 over a fixed label and the
 * secret. Derived rather than configured so every API process agrees on it without another
 * setting; the hash reveals nothing usable about a secret of 32 characters or more.
 */
export function keyIdOf(secret: string): string {
  return createHash('sha256').update('liaoyuan-jwt-kid\0').update(secret, 'utf8').digest('base64url').slice(0, 16);
}

function hmac(data: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(data, 'ascii').digest();
}

function unauthenticated(message: string): AppError {
  return new AppError('UNAUTHENTICATED', message);
}

/** Decodes one segment, refusing every spelling but the canonical one. */
function decodeSegment(segment: string, what: string): Buffer {
  const bytes = BASE64URL.test(segment) ? Buffer.from(segment, 'base64url') : null;
  if (!bytes || bytes.toString('base64url') !== segment) {
    throw unauthenticated(`The bearer token ${what} is not canonical base64url; sign in again.`);
  }
  return bytes;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function issueToken(userId: string, secret: string, ttlSeconds: number, nowMs: number): { token: string; expiresAt: Date } {
  const iat = Math.floor(nowMs / 1000);
  const claims: TTokenClaims = { sub: userId, iat, exp: iat + ttlSeconds, jti: randomUUID() };
  const header: z.infer<typeof ZTokenHeader> = { alg: 'HS256', typ: 'JWT', kid: keyIdOf(secret) };
  const body = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return { token: `${body}.${hmac(body, secret).toString('base64url')}`, expiresAt: new Date(claims.exp * 1000) };
}

/**
 * Verifies a token against the configured secrets: the current one and any previous ones (a
 * single string is the current secret alone). Throws UNAUTHENTICATED or TOKEN_EXPIRED.
 */
export function verifyToken(token: string, secrets: string | readonly string[], nowMs: number): TTokenClaims {
  const parts = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
  const [header, payload, signature] = parts;
  if (parts.length !== 3 || !header || !payload || !signature) {
    throw unauthenticated('The bearer token is malformed; sign in again.');
  }
  const parsedHeader = ZTokenHeader.safeParse(parseJson(decodeSegment(header, 'header')));
  if (!parsedHeader.success) {
    throw unauthenticated('The bearer token header is not an HS256 header with a key id (kid); sign in again.');
  }
  const claimsBytes = decodeSegment(payload, 'payload');
  const given = decodeSegment(signature, 'signature');

  const keys = typeof secrets === 'string' ? [secrets] : secrets;
  const secret = keys.find((s) => keyIdOf(s) === parsedHeader.data.kid);
  if (secret === undefined) {
    throw unauthenticated('The bearer token was signed with a key this server does not know (it may have been rotated out); sign in again.');
  }
  const expected = hmac(`${header}.${payload}`, secret);
  if (given.length !== HMAC_SHA256_BYTES || !timingSafeEqual(given, expected)) {
    throw unauthenticated('The bearer token signature is invalid; sign in again.');
  }

  const claims = ZTokenClaims.safeParse(parseJson(claimsBytes));
  if (!claims.success) throw unauthenticated('The bearer token payload is invalid; sign in again.');
  if (claims.data.exp * 1000 <= nowMs) throw new AppError('TOKEN_EXPIRED', 'The bearer token has expired; sign in again.');
  return claims.data;
}
