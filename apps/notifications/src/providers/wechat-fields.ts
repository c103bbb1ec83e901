import { ProviderError } from './provider-call';

/**
 * WeChat subscription-message field limits by type (the part of the key before its number,
 * `thing1` → thing). Free text is cut to fit, ending in "…"; a value WeChat would refuse and that
 * cannot be cut (a number, a code, a date) is refused before the call.
 */
const LIMITS: Record<string, { max: number; cut: boolean; pattern?: RegExp }> = {
  thing: { max: 20, cut: true },
  name: { max: 10, cut: true },
  phrase: { max: 5, cut: true },
  character_string: { max: 32, cut: false, pattern: /^[\x21-\x7e]+$/ },
  number: { max: 32, cut: false, pattern: /^[0-9.]+$/ },
  letter: { max: 32, cut: false, pattern: /^[A-Za-z]+$/ },
  symbol: { max: 5, cut: false },
  amount: { max: 12, cut: false, pattern: /^[¥￥]?[0-9]+(\.[0-9]{1,2})?元?$/ },
  phone_number: { max: 17, cut: false, pattern: /^[0-9+\- ]+$/ },
  car_number: { max: 8, cut: false },
  time: { max: 32, cut: false },
  date: { max: 32, cut: false },
};

const LINE = /^([a-z_]+)(\d+)\s*:\s*(.*)$/;

export type WechatFields = Record<string, { value: string }>;

/**
 * Reads a rendered WeChat template, one `field: value` line per template field (`thing1: 生日快乐`),
 * into WeChat's `data`. Throws a terminal ProviderError naming the field that cannot fit.
 */
export function wechatFields(text: string, provider: string): WechatFields {
  const fields: WechatFields = {};
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line) continue;
    const match = LINE.exec(line);
    const limit = match && LIMITS[match[1]!];
    if (!match || !limit)
      throw new ProviderError(
        `not a WeChat template field line: "${line.slice(0, 40)}"`,
        provider,
        false,
      );
    const key = `${match[1]}${match[2]}`;
    const chars = [...match[3]!.trim()];
    if (chars.length === 0)
      throw new ProviderError(`WeChat field ${key} is empty`, provider, false);
    if (limit.pattern && !limit.pattern.test(chars.join('')))
      throw new ProviderError(
        `WeChat field ${key} has characters its type refuses`,
        provider,
        false,
      );
    if (chars.length > limit.max && !limit.cut)
      throw new ProviderError(`WeChat field ${key} is longer than ${limit.max}`, provider, false);
    const value =
      chars.length > limit.max ? `${chars.slice(0, limit.max - 1).join('')}…` : chars.join('');
    fields[key] = { value };
  }
  if (Object.keys(fields).length === 0)
    throw new ProviderError('the WeChat template has no fields', provider, false);
  return fields;
}
