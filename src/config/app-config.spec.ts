import { randomBytes } from 'node:crypto';
import { format, inspect } from 'node:util';
import { ConsoleLogger } from '@nestjs/common';
import { AppConfig, ConfigError, loadConfig } from './app-config';
import { sensitiveKeys } from './sensitive';

/** One installation's secrets, and the URLs that carry passwords: the settings marked @Sensitive(). */
const SECRETS = {
  PSEUDONYM_SECRET: 'pseudonym-secret-of-this-installation',
  AUTH_TOKEN_SECRET: 'auth-token-secret-of-this-installation-0123',
  IDENTITY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  DATABASE_URL: 'postgres://clausier:db-password-4f1c@db.example:5432/clausier',
  REDIS_URL: 'redis://:redis-password-9a2e@redis.example:6379',
};
const PASSWORDS = ['db-password-4f1c', 'redis-password-9a2e'];

function loggedBy(print: (logger: ConsoleLogger) => void): string {
  let out = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    print(new ConsoleLogger('Test', { colors: false }));
  } finally {
    write.mockRestore();
  }
  return out;
}

describe('sensitive settings are never printed', () => {
  const config = loadConfig({ ...SECRETS, PORT: '3100', FTE_REFERENCE_HOURS: '1600' });

  it.each([
    ['JSON.stringify', () => JSON.stringify(config)],
    ['console.log and util.inspect', () => [format('%o', config), format('%s', config), format('%j', config), inspect({ config }, { depth: 5 })].join('\n')],
    ['the Nest logger', () => loggedBy((logger) => logger.log(config))],
  ])('%s: the other settings show, every secret reads [hidden]', (_, print) => {
    const out = print();
    expect(out).toContain('3100');
    expect(out).toContain('1600');
    expect(out).toContain('[hidden]');
    for (const secret of [...Object.values(SECRETS), ...PASSWORDS]) expect(out).not.toContain(secret);
  });

  it('they are exactly these', () => {
    expect(sensitiveKeys(config).sort()).toEqual(Object.keys(SECRETS).sort());
  });

  it('the service still reads the values themselves', () => {
    expect(config.AUTH_TOKEN_SECRET).toBe(SECRETS.AUTH_TOKEN_SECRET);
    expect(config.DATABASE_URL).toBe(SECRETS.DATABASE_URL);
  });

  it('a bad value of a sensitive setting is refused by name, without printing the value', () => {
    const bad = {
      PSEUDONYM_SECRET: 'leak-pseudo',
      AUTH_TOKEN_SECRET: 'leak-auth-token',
      IDENTITY_ENCRYPTION_KEY: 'leak-not-a-key',
      DATABASE_URL: 'mysql://clausier:leak-db@db.example/clausier',
      REDIS_URL: 'http://:leak-redis@redis.example',
    };
    expect(Object.keys(bad).sort()).toEqual(sensitiveKeys(new AppConfig()).sort());
    let error: unknown;
    try {
      loadConfig(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const printed = `${(error as Error).message}\n${inspect(error)}`;
    for (const key of Object.keys(bad)) expect((error as Error).message).toContain(`${key}: `);
    expect(printed).not.toMatch(/leak/);
  });
});

describe('production refuses the public development defaults', () => {
  it('of the three secrets, and only of those', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      new ConfigError(
        'Invalid configuration:\n' +
          '  PSEUDONYM_SECRET: must be set in production (the development default is public)\n' +
          '  AUTH_TOKEN_SECRET: must be set in production (the development default is public)\n' +
          '  IDENTITY_ENCRYPTION_KEY: must be set in production (the development default is public)',
      ),
    );
    const { PSEUDONYM_SECRET, AUTH_TOKEN_SECRET, IDENTITY_ENCRYPTION_KEY } = SECRETS;
    expect(loadConfig({ NODE_ENV: 'production', PSEUDONYM_SECRET, AUTH_TOKEN_SECRET, IDENTITY_ENCRYPTION_KEY }).REDIS_URL).toBe('redis://127.0.0.1:6379');
  });
});
