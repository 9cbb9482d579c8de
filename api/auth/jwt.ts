// HS256 JSON Web Tokens (RFC 7519), short-lived bearer tokens for the API, signed and verified by
// `jose` (5.x: it ships a CommonJS build, which this package and jest's runtime load; jose 6 is
// ECMAScript modules only). Key rotation: the current secret signs and names itself in the
// header's `kid`; previous secrets still verify the tokens they signed until they are removed.
//
// What is checked here besides what jose checks (algorithm pinned to HS256, signature, `exp`):
// - every segment in its one canonical base64url spelling. jose, like node's decoder, ignores the
//   unused low bits of a last character, so several spellings of one signature would all verify
//   and a token would not be one string (a cache or revocation list keyed by it could be evaded);
// - a header of exactly { alg, typ?, kid }: the key is chosen by `kid` only, a token without a kid
//   or with an unknown one is refused, and nothing else (`crit` included) is accepted;
// - the claims, parsed by zod.
import { createHash, randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
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
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The key id of a secret: 16 base64url characters (96 bits) of SHA-256 over a fixed label and the
 * secret. Derived rather than configured so every API process agrees on it without another
 * setting; the hash reveals nothing usable about a secret of 32 characters or more.
 */
export function keyIdOf(secret: string): string {
  return createHash('sha256').update('liaoyuan-jwt-kid\0').update(secret, 'utf8').digest('base64url').slice(0, 16);
}

const keyBytes = (secret: string) => new TextEncoder().encode(secret);

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

export async function issueToken(userId: string, secret: string, ttlSeconds: number, nowMs: number): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(nowMs / 1000);
  const header: JWTHeaderParameters = { alg: 'HS256', typ: 'JWT', kid: keyIdOf(secret) };
  const token = await new SignJWT({})
    .setProtectedHeader(header)
    .setSubject(userId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .setJti(randomUUID())
    .sign(keyBytes(secret));
  return { token, expiresAt: new Date((iat + ttlSeconds) * 1000) };
}

/**
 * Verifies a token against the configured secrets: the current one and any previous ones (a
 * single string is the current secret alone). Throws UNAUTHENTICATED or TOKEN_EXPIRED.
 */
export async function verifyToken(token: string, secrets: string | readonly string[], nowMs: number): Promise<TTokenClaims> {
  const parts = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
  const [header, payload, signature] = parts;
  if (parts.length !== 3 || !header || !payload || !signature) {
    throw unauthenticated('The bearer token is malformed; sign in again.');
  }
  const parsedHeader = ZTokenHeader.safeParse(parseJson(decodeSegment(header, 'header')));
  if (!parsedHeader.success) {
    throw unauthenticated('The bearer token header is not an HS256 header with a key id (kid); sign in again.');
  }
  decodeSegment(payload, 'payload');
  decodeSegment(signature, 'signature');

  const keys = typeof secrets === 'string' ? [secrets] : secrets;
  const secret = keys.find((s) => keyIdOf(s) === parsedHeader.data.kid);
  if (secret === undefined) {
    throw unauthenticated('The bearer token was signed with a key this server does not know (it may have been rotated out); sign in again.');
  }
  let verified: unknown;
  try {
    verified = (await jwtVerify(token, keyBytes(secret), { algorithms: ['HS256'], currentDate: new Date(nowMs), clockTolerance: 0 })).payload;
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new AppError('TOKEN_EXPIRED', 'The bearer token has expired; sign in again.');
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) throw unauthenticated('The bearer token signature is invalid; sign in again.');
    if (err instanceof joseErrors.JOSEError) throw unauthenticated('The bearer token is invalid; sign in again.');
    throw err;
  }
  const claims = ZTokenClaims.safeParse(verified);
  if (!claims.success) throw unauthenticated('The bearer token payload is invalid; sign in again.');
  return claims.data;
}
