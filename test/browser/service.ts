/** What global-setup.ts hands the tests: where the service listens and what it runs on. */
export const SERVICE_ENV = { url: 'CLAUSIER_BROWSER_URL', database: 'CLAUSIER_BROWSER_DATABASE', pid: 'CLAUSIER_BROWSER_PID', queuePrefix: 'CLAUSIER_BROWSER_QUEUE_PREFIX', tokenSecret: 'CLAUSIER_BROWSER_TOKEN_SECRET' } as const;

export const serviceUrl = (): string => {
  const url = process.env[SERVICE_ENV.url];
  if (!url) throw new Error('The browser tests run through playwright test (its global setup starts the service)');
  return url;
};
