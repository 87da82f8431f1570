import { readTemplate } from '../../common/templates-dir';
import type { LayoutColumn } from '../hours/hours-layout';
import type { SheetName } from '../import.entity';
import { normaliseKey } from '../parse/cells';

/** One table of an onboarding workbook: its sheet, columns (headers and accepted spellings) and examples. */
export interface SheetLayout {
  key: SheetName;
  sheetName: string;
  aliases: string[];
  description: string;
  columns: LayoutColumn[];
  example: Record<string, string>[];
}

export interface OnboardingLayout {
  kind: 'onboarding';
  fileName: string;
  notes: string;
  /** The rules a person filling the workbook needs, in French: the template's notice. */
  rules: string[];
  /** In processing order: a row may refer to the rows of the sheets before its own. */
  sheets: SheetLayout[];
}

let cached: OnboardingLayout | undefined;
/** The onboarding workbook, as described in templates/imports/onboarding.json. */
export function onboardingLayout(): OnboardingLayout {
  cached ??= readTemplate<OnboardingLayout>('imports/onboarding.json');
  return cached;
}

/** The table a sheet holds, by its normalised name or an alias; undefined for any other sheet (a notice...). */
export function tableOf(sheetName: string): SheetLayout | undefined {
  const key = normaliseKey(sheetName);
  return onboardingLayout().sheets.find((s) => s.key === key || s.aliases.includes(key));
}

export function sheetLayout(key: SheetName): SheetLayout {
  return onboardingLayout().sheets.find((s) => s.key === key)!;
}
