import 'reflect-metadata';

const SENSITIVE = Symbol('clausier:sensitive');

export interface SensitiveOptions {
  /** Its development default is public: production refuses to start with it. */
  publicDefault?: boolean;
}

/**
 * Marks a setting whose value is never printed: not in a log, not in the error for a bad value, not
 * in any dump of the configuration (AppConfig redacts itself). Secrets, and URLs that may carry a
 * password.
 */
export function Sensitive(options: SensitiveOptions = {}): PropertyDecorator {
  return (target, key) => {
    const marked: Map<string | symbol, SensitiveOptions> = Reflect.getMetadata(SENSITIVE, target) ?? new Map();
    Reflect.defineMetadata(SENSITIVE, new Map(marked).set(key, options), target);
  };
}

function marks(config: object): Map<string | symbol, SensitiveOptions> {
  return Reflect.getMetadata(SENSITIVE, config) ?? new Map();
}

/** The settings of `config` marked @Sensitive(). */
export function sensitiveKeys(config: object): string[] {
  return [...marks(config).keys()].map(String);
}

/** The sensitive settings whose development default is public. */
export function publicDefaultKeys(config: object): string[] {
  return [...marks(config)].filter(([, o]) => o.publicDefault).map(([k]) => String(k));
}

export const HIDDEN = '[hidden]';

/** A copy of `config` to print: each sensitive setting that has a value reads "[hidden]". */
export function redacted(config: object): Record<string, unknown> {
  const hidden = sensitiveKeys(config);
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [k, hidden.includes(k) && v !== undefined && v !== '' ? HIDDEN : v]),
  );
}
