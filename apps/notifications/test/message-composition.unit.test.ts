import { describe, expect, it } from 'vitest';
import {
  MissingVariableError,
  composeSms,
  renderTemplate,
} from '../src/domain/message-composition';

describe('message composition', () => {
  it('fills every placeholder', () => {
    expect(
      renderTemplate('{{memberName}}您好，{{ store }}欢迎您', {
        memberName: '王芳',
        store: '南京路店',
      }),
    ).toBe('王芳您好，南京路店欢迎您');
  });

  it('refuses to send a message with a gap in it', () => {
    expect(() => renderTemplate('{{memberName}}您好', {})).toThrow(MissingVariableError);
  });

  it('signs every message with the brand signature', () => {
    expect(composeSms('感谢光临', 'care', '【金缘珠宝】')).toBe('【金缘珠宝】感谢光临');
  });

  it('adds the opt-out line to marketing only', () => {
    expect(composeSms('会员日', 'marketing', '【金缘珠宝】')).toBe('【金缘珠宝】会员日 回T退订');
    expect(composeSms('感谢光临', 'transactional', '【金缘珠宝】')).not.toContain('退订');
  });
});
