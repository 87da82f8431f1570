import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { localeOf } from './locale';

/** The language of the request (Accept-Language; French by default), for answers that say sentences of the catalogue. */
export const RequestLocale = createParamDecorator((_: unknown, ctx: ExecutionContext) => localeOf(ctx.switchToHttp().getRequest<Request>()));
