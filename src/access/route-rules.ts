import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_RULE, AccessRule } from './access.decorators';

export interface RouteRule {
  method: string;
  /** Path relative to /api/v1, with :params, e.g. /contracts/:id. */
  path: string;
  rule: AccessRule | undefined;
  handler: string;
}

const join = (...parts: string[]) => ('/' + parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')).replace(/\/+/g, '/');

/** Every route of every controller with its access rule: what the start-up check and the matrix test read. */
@Injectable()
export class RouteRules implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  list(): RouteRule[] {
    const routes: RouteRule[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const base = [this.reflector.get<string | string[]>(PATH_METADATA, metatype) ?? ''].flat();
      const proto = Object.getPrototypeOf(instance);
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const fn = proto[name];
        const paths = this.reflector.get<string | string[]>(PATH_METADATA, fn);
        const method = this.reflector.get<RequestMethod>(METHOD_METADATA, fn);
        if (paths === undefined || method === undefined) continue;
        const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [fn, metatype]);
        for (const b of base) for (const p of [paths].flat()) routes.push({ method: RequestMethod[method], path: join(b, p), rule, handler: `${metatype.name}.${name}` });
      }
    }
    return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  }

  /** Refuses to start when a route declares no access rule: nothing is open, or closed, by omission. */
  onApplicationBootstrap(): void {
    const missing = this.list().filter((r) => !r.rule);
    if (missing.length) throw new Error(`Routes without an access rule (@Public, @Roles or @AnyRole): ${missing.map((r) => `${r.method} ${r.path} (${r.handler})`).join(', ')}`);
  }
}
