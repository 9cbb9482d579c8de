// The environment is parsed once by one schema; a bad value names its key.
import { ConfigError, parseConfig } from '../../infra/config';

describe('parseConfig', () => {
  it('has working defaults for the embedded mode', () => {
    const c = parseConfig({});
    expect(c).toEqual(
      expect.objectContaining({
        HOST: '127.0.0.1',
        PORT: 3000,
        TEMPORAL_TASK_QUEUE: 'liaoyuan-cases',
        DATA_DIR: './.data',
        LOG_LEVEL: 'info',
        JWT_TTL_SECONDS: 1800,
      }),
    );
    expect(c.TEMPORAL_ADDRESS).toBeUndefined();
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.DEMO_SEED).toBeUndefined();
  });

  it('reads the production keys', () => {
    const c = parseConfig({
      TEMPORAL_ADDRESS: 'temporal:7233',
      DATABASE_URL: 'postgresql://app@db:5432/liaoyuan',
      JWT_SECRET: 'x'.repeat(32),
      PORT: '8080',
      DEMO_SEED: 'false',
    });
    expect(c.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(c.PORT).toBe(8080);
    expect(c.DEMO_SEED).toBe(false);
  });

  it.each([
    [{ DEMO_SEED: 'false' }, false],
    [{ DEMO_SEED: '0' }, false],
    [{ DEMO_SEED: 'true' }, true],
  ])('reads flags as words, never Boolean("false") (%j)', (env, expected) => {
    expect(parseConfig(env).DEMO_SEED).toBe(expected);
  });

  it.each([
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: 'abc' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['JWT_SECRET', { JWT_SECRET: 'short' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['DEMO_SEED', { DEMO_SEED: 'maybe' }],
    ['JWT_TTL_SECONDS', { JWT_TTL_SECONDS: '5' }],
  ])('refuses a bad %s and names it', (key, env) => {
    let thrown: unknown;
    try {
      parseConfig(env);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toMatch(new RegExp(`^\\s+${key}:`, 'm'));
  });

  it('never echoes a secret value in its message', () => {
    expect(() => parseConfig({ JWT_SECRET: 'hunter2' })).toThrow(ConfigError);
    try {
      parseConfig({ JWT_SECRET: 'hunter2' });
    } catch (err) {
      expect((err as Error).message).not.toContain('hunter2');
    }
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ TEMPORAL_ADDRESS: '', DATABASE_URL: '' }).TEMPORAL_ADDRESS).toBeUndefined();
  });
});
