import { describe, expect, it } from 'vitest';
import { CHANNEL_TEMPLATES } from '../migrations/channel-templates';
import { renderTemplate, variablesOf } from '../src/domain/message-composition';
import { emailParts } from '../src/providers/email-provider';
import { ProviderError } from '../src/providers/provider-call';
import { wechatFields } from '../src/providers/wechat-fields';

const sample = (names: string[]) =>
  Object.fromEntries(names.map((n) => [n, n === 'occasion' ? '中秋节' : '陈静']));

describe('default templates on WeChat, e-mail and staff tasks', () => {
  it.each(CHANNEL_TEMPLATES.map((t) => [`${t.key} ${t.channel} ${t.locale}`, t] as const))(
    '%s renders with its declared variables and memberName only',
    (_, t) => {
      const declared = [...t.variables.map((v) => v.name), 'memberName'];
      expect(declared).toEqual(expect.arrayContaining(variablesOf(t.body)));
      expect(renderTemplate(t.body, sample(declared))).not.toBe('');
    },
  );

  it('every WeChat template is thing fields that fit WeChat in Chinese without cutting', () => {
    for (const t of CHANNEL_TEMPLATES.filter((t) => t.channel === 'wechat')) {
      const fields = wechatFields(renderTemplate(t.body, sample(['memberName', 'occasion'])), 'wx');
      expect(Object.keys(fields)).toEqual(['thing1', 'thing2']);
      if (t.locale === 'zh-CN')
        for (const { value } of Object.values(fields)) expect(value).not.toMatch(/…$/);
    }
  });

  it('every e-mail template has a subject line and a body', () => {
    for (const t of CHANNEL_TEMPLATES.filter((t) => t.channel === 'email')) {
      const { subject, body } = emailParts(t.body);
      expect(subject, t.key).not.toBe('');
      expect(body, t.key).not.toBe('');
    }
  });
});

describe('WeChat field limits', () => {
  it('a thing longer than 20 characters is cut to 20, ending in …', () => {
    const { thing1 } = wechatFields(`thing1: ${'好'.repeat(25)}`, 'wx');
    expect([...thing1!.value]).toHaveLength(20);
    expect(thing1!.value.endsWith('…')).toBe(true);
  });

  it('a number that does not fit is refused for good, never cut', () => {
    const refuse = () => wechatFields(`number1: ${'9'.repeat(33)}`, 'wx');
    expect(refuse).toThrow(ProviderError);
    expect(refuse).toThrow(/number1 is longer than 32/);
  });

  it('a line that is no field of a known type is refused for good', () => {
    expect(() => wechatFields('hello there', 'wx')).toThrow(/not a WeChat template field/);
    try {
      wechatFields('colour1: red', 'wx');
    } catch (error) {
      expect((error as ProviderError).retryable).toBe(false);
    }
  });
});
