import { describe, expect, it } from 'vitest';
import { csvRecordToRow } from '../src/domain/imports/import-row';
import { csvCell } from '../src/http/member-exports.routes';

describe('member files as CSV', () => {
  it('when a cell has a comma, a quote or a line break, then it is quoted as RFC 4180 says', () => {
    expect(csvCell('上海市, 黄浦区')).toBe('"上海市, 黄浦区"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('两行\n文字')).toBe('"两行\n文字"');
    expect(csvCell('李娜')).toBe('李娜');
  });

  it('when a cell would run as a spreadsheet formula, then it is prefixed with an apostrophe', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+8613912345678')).toBe("'+8613912345678");
  });

  it('when a record is read, then empty cells are absent and lists and important dates are split', () => {
    expect(
      csvRecordToRow({
        name: '李娜',
        email: '',
        tags: '婚庆| 高净值 |',
        importantDates: '结婚纪念日:2015-05-20|生日:2:1990-01-01',
      }),
    ).toEqual({
      name: '李娜',
      tags: ['婚庆', '高净值'],
      importantDates: [
        { label: '结婚纪念日', date: '2015-05-20' },
        { label: '生日:2', date: '1990-01-01' },
      ],
    });
  });
});
