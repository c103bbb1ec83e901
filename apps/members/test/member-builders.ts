import { randomInt } from 'node:crypto';
import { aMemberRegistration } from '@laoke/testing';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A national ID number with a valid GB 11643 check character; each call is another person. */
export function anIdNumber(): string {
  const body = `110101${1950 + randomInt(0, 50)}0${randomInt(1, 10)}1${randomInt(0, 10)}${String(
    randomInt(0, 1000),
  ).padStart(3, '0')}`;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(body[i]), 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

/** The same number with a wrong check character. */
export const withWrongCheck = (idNumber: string) =>
  `${idNumber.slice(0, 17)}${idNumber.endsWith('0') ? '1' : '0'}`;

/** A registration with every profile field of R1 filled in; each call is a different person. */
export const aFullRegistration = (overrides: Record<string, unknown> = {}) => ({
  ...aMemberRegistration(),
  ...{
    gender: 'female',
    birthdayCalendar: 'lunar',
    email: `li.na.${randomInt(0, 1_000_000)}@example.com`,
    wechatOpenId: `oWx-${randomInt(0, 1_000_000)}`,
    address: '上海市黄浦区南京东路100号3单元502',
    idNumber: anIdNumber(),
    productTypes: ['项链', '戒指'],
    colours: ['玫瑰金'],
    style: '简约',
    habits: ['周末下午来店'],
    tags: ['婚庆', '高净值'],
    importantDates: [{ label: '结婚纪念日', date: '2015-05-20' }],
    servingAssociateId: 'staff-007',
  },
  ...overrides,
});
