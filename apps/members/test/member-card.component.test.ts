import { Topics } from '@laoke/contracts';
import {
  TEST_PII_KEY,
  aMemberRegistration,
  aTopicNamespace,
  anIdempotencyKey,
  findMessage,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasValidCheckDigit } from '../src/domain/card-number';
import * as membersApp from '../src/app';
import { anIdNumber, withWrongCheck } from './member-builders';

let members: ServiceUnderTest;
let topic: (name: string) => string;
const BRAND = 'brand-member-card';
const headers = identityHeaders({ brandId: BRAND });

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  members = await startServiceUnderTest(membersApp, {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'members',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
  });
});
afterAll(() => members?.close());

const join = async (overrides: Record<string, unknown> = {}) => {
  const idNumber = anIdNumber();
  const response = await members.app.inject({
    method: 'POST',
    url: '/v1/members',
    headers,
    payload: aMemberRegistration({ idNumber, ...overrides }),
  });
  return {
    ...response.json<{ memberId: string; cardNumber: string; referralCode: string }>(),
    idNumber,
  };
};
const card = (number: string, brand = BRAND) =>
  members.app.inject({ url: `/v1/cards/${number}`, headers: identityHeaders({ brandId: brand }) });
const report = (memberId: string, reason = 'lost') =>
  members.app.inject({
    method: 'POST',
    url: `/v1/members/${memberId}/card/reports`,
    headers,
    payload: { reason },
  });
const replace = (memberId: string, idNumber: string, key = anIdempotencyKey()) =>
  members.app.inject({
    method: 'POST',
    url: `/v1/members/${memberId}/card/replacements`,
    headers: { ...headers, 'idempotency-key': key },
    payload: { idNumber },
  });

describe('R3: the VIP card', () => {
  it('when a member joins, then the card number carries a valid check digit and the POS finds the member by it', async () => {
    const { memberId, cardNumber } = await join();

    expect(cardNumber).toMatch(/^VIP\d{10}$/);
    expect(hasValidCheckDigit(cardNumber)).toBe(true);
    expect(
      hasValidCheckDigit(`${cardNumber.slice(0, 12)}${(Number(cardNumber[12]) + 1) % 10}`),
    ).toBe(false);
    const found = await card(cardNumber);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ memberId, cardNumber });
  });

  it('when the card is read from another brand, or is unknown, then 404', async () => {
    const { cardNumber } = await join();
    expect((await card(cardNumber, 'another-brand')).statusCode).toBe(404);
    expect((await card('VIP0000000000')).statusCode).toBe(404);
  });

  it('when the card is reported lost, then it resolves to nobody and member.card-reported is published', async () => {
    const { memberId, cardNumber } = await join();

    const response = await report(memberId, 'lost');

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ cardNumber, status: 'reported', reason: 'lost' });
    expect((await card(cardNumber)).statusCode).toBe(404);
    const search = await members.app.inject({
      method: 'POST',
      url: '/v1/members/search',
      headers,
      payload: { cardNumber },
    });
    expect(search.statusCode).toBe(404);
    const published = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.membersEvents),
      (e) => e.type === 'member.card-reported' && e.data['memberId'] === memberId,
    );
    expect(published.key).toBe(memberId);
  });

  it('when a reported card is reported again, then nothing more happens', async () => {
    const { memberId } = await join();
    await report(memberId, 'damaged');

    const again = await report(memberId, 'lost');

    expect(again.json()).toMatchObject({ status: 'reported', reason: 'damaged' });
    const events = await members.context
      .db('outbox')
      .where({ message_key: memberId, event_type: 'member.card-reported' });
    expect(events).toHaveLength(1);
  });

  it('when the ID number shown does not match, then 422 names idNumber and no card is issued', async () => {
    const { memberId, cardNumber } = await join();
    await report(memberId);

    const response = await replace(memberId, anIdNumber());

    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'IDENTITY_NOT_VERIFIED', field: 'idNumber' });
    expect(await members.context.db('cards').where({ member_id: memberId })).toEqual([
      expect.objectContaining({ number: cardNumber, status: 'reported' }),
    ]);
  });

  it('when the ID number has a wrong check character, then 400 names idNumber', async () => {
    const { memberId, idNumber } = await join();
    await report(memberId);

    const response = await replace(memberId, withWrongCheck(idNumber));

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'idNumber' });
  });

  it('when the identity matches, then a new card is issued, the old number is blocked for good, the referral code stays (R7) and member.card-replaced is published', async () => {
    const { memberId, cardNumber, idNumber, referralCode } = await join();
    await report(memberId);

    const response = await replace(memberId, idNumber);

    expect(response.statusCode).toBe(201);
    const replacement = response.json<{ cardNumber: string; previousCardNumber: string }>();
    expect(replacement.previousCardNumber).toBe(cardNumber);
    expect(hasValidCheckDigit(replacement.cardNumber)).toBe(true);
    expect((await card(replacement.cardNumber)).json()).toMatchObject({
      memberId,
      cardNumber: replacement.cardNumber,
    });
    expect((await card(cardNumber)).statusCode).toBe(404);
    expect(
      await members.context
        .db('cards')
        .where({ number: cardNumber })
        .first('status', 'replaced_by'),
    ).toEqual({ status: 'blocked', replaced_by: replacement.cardNumber });
    const after = await members.app.inject({ url: `/v1/members/${memberId}`, headers });
    expect(after.json()).toMatchObject({ cardNumber: replacement.cardNumber, referralCode });
    const published = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.membersEvents),
      (e) => e.type === 'member.card-replaced' && e.data['memberId'] === memberId,
    );
    expect(published.value).not.toContain(idNumber);
  });

  it('when the replacement is retried with the same key, then the first card comes back and no second one is issued', async () => {
    const { memberId, idNumber } = await join();
    await report(memberId);
    const key = anIdempotencyKey();

    const first = await replace(memberId, idNumber, key);
    const retry = await replace(memberId, idNumber, key);

    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await members.context.db('cards').where({ member_id: memberId })).toHaveLength(2);
  });

  it('when the card was not reported, then replacement is refused', async () => {
    const { memberId, idNumber } = await join();
    const response = await replace(memberId, idNumber);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'CARD_NOT_REPORTED' });
  });

  it('when no ID number is on file, then replacement is refused naming idNumber', async () => {
    const { memberId } = await join({ idNumber: undefined });
    await report(memberId);
    const response = await replace(memberId, anIdNumber());
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'IDENTITY_NOT_ON_FILE', field: 'idNumber' });
  });

  it.each([
    ['an unknown reason', { reason: 'stolen-by-aliens' }, 'reason'],
    ['no reason', {}, 'reason'],
  ])('when the report has %s, then 400 names the field', async (_c, payload, field) => {
    const { memberId } = await join();
    const response = await members.app.inject({
      method: 'POST',
      url: `/v1/members/${memberId}/card/reports`,
      headers,
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field });
  });

  it('when the replacement has no Idempotency-Key, then 400 names it', async () => {
    const { memberId, idNumber } = await join();
    const response = await members.app.inject({
      method: 'POST',
      url: `/v1/members/${memberId}/card/replacements`,
      headers,
      payload: { idNumber },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'idempotency-key' });
  });
});
