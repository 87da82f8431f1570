import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { monthStart } from '../common/units/calendar';

/** A ':month' route parameter, 'YYYY-MM'; anything else is a 400 naming the field. */
@Injectable()
export class MonthParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !monthStart(value)) {
      throw new BadRequestException({ code: 'invalid_input', message: 'month: must be a month YYYY-MM', details: [{ field: 'month', reason: 'must be a month YYYY-MM' }] });
    }
    return value;
  }
}
