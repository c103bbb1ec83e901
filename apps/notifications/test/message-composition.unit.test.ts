import { describe, expect, it } from 'vitest';
import {
  MissingVariableError,
  composeSms,
  renderTemplate,
  smsSegments,
  variablesOf,
} from '../src/domain/message-composition';

const jinyuan = { signature: '【金缘珠宝】', optOutText: '拒收请回复R' };

describe('message composition', () => {
  it('fills every variable with LiquidJS', () => {
    expect(
      renderTemplate('{{memberName}}您好，{{ store }}欢迎您', {
        memberName: '王芳',
        store: '南京路店',
      }),
    ).toBe('王芳您好，南京路店欢迎您');
  });

  it('refuses to send a message with a gap in it', () => {
    expect(() => renderTemplate('{{memberName}}您好', {})).toThrow(MissingVariableError);
    expect(() => renderTemplate('{{ store | upcase }}', {})).toThrow(MissingVariableError);
  });

  it('names the variables a template reads', () => {
    expect(variablesOf('{{memberName}}，{% if coupon %}{{ coupon }}{% endif %}').sort()).toEqual([
      'coupon',
      'memberName',
    ]);
  });

  it('signs every message with the brand signature', () => {
    expect(composeSms('感谢光临', 'care', jinyuan).text).toBe('【金缘珠宝】感谢光临');
  });

  it("ends marketing, and only marketing, with the provider's opt-out text", () => {
    expect(composeSms('会员日', 'marketing', jinyuan).text).toBe('【金缘珠宝】会员日拒收请回复R');
    expect(composeSms('感谢光临', 'transactional', jinyuan).text).not.toContain('拒收');
  });

  it('records the length in characters and the segments: 70 fit one, 67 per part beyond', () => {
    expect(composeSms('好', 'care', jinyuan)).toMatchObject({ length: 7, segments: 1 });
    expect(smsSegments(70)).toBe(1);
    expect(smsSegments(71)).toBe(2);
    expect(smsSegments(134)).toBe(2);
    expect(smsSegments(135)).toBe(3);
  });
});
