// The configuration keys of sign-in hardening: previous JWT secrets, login limits, the docs switch.
import { parseConfig } from '../../infra/config';
import { configErrorOf } from '../support/env';
import { apiSettingsFromConfig } from '../../api/server';


describe('JWT_PREVIOUS_SECRETS', () => {
  it('is empty by default and reads a comma-separated list', () => {
    expect(parseConfig({}).JWT_PREVIOUS_SECRETS).toEqual([]);
    const a = 'a'.repeat(32);
    const b = 'b'.repeat(40);
    expect(parseConfig({ JWT_PREVIOUS_SECRETS: `${a}, ${b}` }).JWT_PREVIOUS_SECRETS).toEqual([a, b]);
  });

  it('refuses a short previous secret, names the key and never echoes the value', () => {
    const message = configErrorOf({ JWT_PREVIOUS_SECRETS: `${'a'.repeat(32)},hunter2-short` });
    expect(message).toMatch(/^\s+JWT_PREVIOUS_SECRETS: .*32 characters/m);
    expect(message).not.toContain('hunter2');
  });
});

describe('login limits', () => {
  it('has the documented defaults', () => {
    expect(parseConfig({})).toEqual(
      expect.objectContaining({
        LOGIN_MAX_FAILURES: 5,
        LOGIN_FAILURE_WINDOW_SECONDS: 900,
        LOGIN_LOCKOUT_SECONDS: 900,
        LOGIN_ADDRESS_MAX_FAILURES: 30,
        LOGIN_ADDRESS_WINDOW_SECONDS: 900,
      }),
    );
  });

  it.each([
    ['LOGIN_MAX_FAILURES', '0'],
    ['LOGIN_FAILURE_WINDOW_SECONDS', 'soon'],
    ['LOGIN_LOCKOUT_SECONDS', '-5'],
    ['LOGIN_ADDRESS_MAX_FAILURES', '1.5'],
    ['LOGIN_ADDRESS_WINDOW_SECONDS', '0'],
  ])('refuses a bad %s and names it', (key, value) => {
    expect(configErrorOf({ [key]: value })).toMatch(new RegExp(`^\\s+${key}:`, 'm'));
  });
});

describe('API_DOCS', () => {
  it('is on by default for the embedded start and off for the production entry', () => {
    expect(apiSettingsFromConfig(parseConfig({}), { docsByDefault: true }).apiDocs).toBe(true);
    expect(apiSettingsFromConfig(parseConfig({}), { docsByDefault: false }).apiDocs).toBe(false);
  });

  it('follows API_DOCS when it is set', () => {
    expect(apiSettingsFromConfig(parseConfig({ API_DOCS: 'true' }), { docsByDefault: false }).apiDocs).toBe(true);
    expect(apiSettingsFromConfig(parseConfig({ API_DOCS: 'false' }), { docsByDefault: true }).apiDocs).toBe(false);
    expect(configErrorOf({ API_DOCS: 'maybe' })).toMatch(/^\s+API_DOCS:/m);
  });

  it('passes the previous secrets and the login limits on to the app', () => {
    const secret = 'p'.repeat(32);
    const settings = apiSettingsFromConfig(parseConfig({ JWT_PREVIOUS_SECRETS: secret, LOGIN_MAX_FAILURES: '3' }), { docsByDefault: true });
    expect(settings.jwtPreviousSecrets).toEqual([secret]);
    expect(settings.loginLimits).toEqual({ maxFailures: 3, failureWindowSeconds: 900, lockoutSeconds: 900, addressMaxFailures: 30, addressWindowSeconds: 900 });
  });
});
