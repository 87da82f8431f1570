export { localeOf, DEFAULT_LOCALE, LOCALES, type Locale } from './locale';
export { msg, say, sayByCode, sentence, verbatim, keyOfEnglish, isMessageKey, messageOf, type Message, type MessageKey, type ParamsOf } from './messages';
export type { AnyMessage } from './entry';
export { RequestLocale } from './request-locale.decorator';
