// Bearer tokens: HS256 only, a key id in every header, rotation (the current key signs, previous
// keys still verify while configured), and only the canonical encoding of a signature accepted.
import { createHmac } from 'node:crypto';
import { AppError } from '../../domain/errors';
import { issueToken, keyIdOf, verifyToken } from '../../api/auth/jwt';

const CURRENT = 'current-secret-current-secret-current-1';
const PREVIOUS = 'previous-secret-previous-secret-previous';
const NOW = Date.UTC(2026, 2, 2, 9, 0, 0);

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A token signed with `secret` over whatever header the test wants. */
function handMade(header: Record<string, unknown>, secret: string, claims: Record<string, unknown> = {}): string {
  const iat = Math.floor(NOW / 1000);
  const body = `${b64url(header)}.${b64url({ sub: 'user-1', iat, exp: iat + 600, jti: 'j-1', ...claims })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

async function refusal(verification: Promise<unknown>): Promise<AppError> {
  try {
    await verification;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('the token was accepted');
}

function headerOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('issueToken / verifyToken', () => {
  it('signs HS256 with the key id of the current secret, and verifies', async () => {
    const { token, expiresAt } = await issueToken('user-1', CURRENT, 600, NOW);
    expect(headerOf(token)).toEqual({ alg: 'HS256', typ: 'JWT', kid: keyIdOf(CURRENT) });
    expect(expiresAt.getTime()).toBe(NOW + 600_000);
    expect(await verifyToken(token, [CURRENT], NOW)).toEqual(expect.objectContaining({ sub: 'user-1' }));
    expect((await verifyToken(token, CURRENT, NOW)).sub).toBe('user-1');
  });

  it('derives a stable key id per secret that does not contain the secret', async () => {
    expect(keyIdOf(CURRENT)).toBe(keyIdOf(CURRENT));
    expect(keyIdOf(CURRENT)).not.toBe(keyIdOf(PREVIOUS));
    expect(keyIdOf(CURRENT)).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(CURRENT).not.toContain(keyIdOf(CURRENT));
  });

  it('refuses a signature whose last character is a non-canonical spelling of the same bytes', async () => {
    const { token } = await issueToken('user-1', CURRENT, 600, NOW);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    // 32 bytes are 43 base64url characters; the last one carries 4 bits and 2 unused ones.
    // Flipping its lowest bit gives another spelling of exactly the same signature bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature.slice(-1));
    const variant = signature.slice(0, -1) + alphabet[last ^ 1];
    expect(Buffer.from(variant, 'base64url').equals(Buffer.from(signature, 'base64url'))).toBe(true);
    const err = (await refusal(verifyToken(`${header}.${payload}.${variant}`, [CURRENT], NOW)));
    expect(err.code).toBe('UNAUTHENTICATED');
  });

  it('refuses padding and the standard base64 alphabet in a signature', async () => {
    const { token } = await issueToken('user-1', CURRENT, 600, NOW);
    expect((await refusal(verifyToken(`${token}=`, [CURRENT], NOW))).code).toBe('UNAUTHENTICATED');
    // A token whose signature has a character that differs between the two alphabets ('-' or '_'):
    // about three tokens in four have one, so a few tries always find one.
    let found: { header: string; payload: string; signature: string } | null = null;
    for (let i = 0; i < 100 && !found; i++) {
      const [header, payload, signature] = (await issueToken(`user-${i}`, CURRENT, 600, NOW)).token.split('.') as [string, string, string];
      if (/[-_]/.test(signature)) found = { header, payload, signature };
    }
    if (!found) throw new Error('no signature with - or _ in 100 tokens');
    const standard = Buffer.from(found.signature, 'base64url').toString('base64').replace(/=+$/, '');
    expect(standard).not.toBe(found.signature);
    expect((await refusal(verifyToken(`${found.header}.${found.payload}.${standard}`, [CURRENT], NOW))).code).toBe('UNAUTHENTICATED');
  });

  it('verifies a token of a previous key while that key is configured, and not once it is removed', async () => {
    const { token } = await issueToken('user-1', PREVIOUS, 600, NOW);
    expect(headerOf(token).kid).toBe(keyIdOf(PREVIOUS));
    expect((await verifyToken(token, [CURRENT, PREVIOUS], NOW)).sub).toBe('user-1');
    const err = (await refusal(verifyToken(token, [CURRENT], NOW)));
    expect(err.code).toBe('UNAUTHENTICATED');
    expect(err.message).toMatch(/key/);
  });

  it('refuses a token without a key id, even when its signature is right', async () => {
    const token = handMade({ alg: 'HS256', typ: 'JWT' }, CURRENT);
    expect((await refusal(verifyToken(token, [CURRENT], NOW))).code).toBe('UNAUTHENTICATED');
  });

  it('refuses an unknown key id, even when the signature is right for a configured key', async () => {
    const token = handMade({ alg: 'HS256', typ: 'JWT', kid: 'no-such-key' }, CURRENT);
    expect((await refusal(verifyToken(token, [CURRENT], NOW))).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a key id that names one key while the signature is made with another', async () => {
    const token = handMade({ alg: 'HS256', typ: 'JWT', kid: keyIdOf(CURRENT) }, PREVIOUS);
    expect((await refusal(verifyToken(token, [CURRENT, PREVIOUS], NOW))).code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['none', { alg: 'none', typ: 'JWT', kid: keyIdOf(CURRENT) }],
    ['HS512', { alg: 'HS512', typ: 'JWT', kid: keyIdOf(CURRENT) }],
    ['an unexpected header field', { alg: 'HS256', typ: 'JWT', kid: keyIdOf(CURRENT), crit: ['exp'] }],
  ])('refuses the algorithm or header %s', async (_name, header) => {
    expect((await refusal(verifyToken(handMade(header, CURRENT), [CURRENT], NOW))).code).toBe('UNAUTHENTICATED');
  });

  it('keeps TOKEN_EXPIRED for an expired token and UNAUTHENTICATED for a garbled one', async () => {
    const { token } = await issueToken('user-1', CURRENT, 600, NOW);
    expect((await refusal(verifyToken(token, [CURRENT], NOW + 600_000))).code).toBe('TOKEN_EXPIRED');
    expect((await refusal(verifyToken('abc.def', [CURRENT], NOW))).code).toBe('UNAUTHENTICATED');
    expect((await refusal(verifyToken('a.b.c', [CURRENT], NOW))).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a verification without any key', async () => {
    const { token } = await issueToken('user-1', CURRENT, 600, NOW);
    expect((await refusal(verifyToken(token, [], NOW))).code).toBe('UNAUTHENTICATED');
  });
});
