import { randomUUID } from 'node:crypto';
import { Topics } from '@laoke/contracts';
import { eventually, identityHeaders } from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCadenceHarness } from './cadence-harness';

let h: Awaited<ReturnType<typeof startCadenceHarness>>;
let BRAND: string;

beforeAll(async () => {
  h = await startCadenceHarness();
  BRAND = h.aBrand('cadence-policies');
});
afterAll(() => h?.campaigns.close());

const DAY = 86_400_000;
const after = (start: Date, days: number) => h.clock.set(new Date(start.getTime() + days * DAY));

const thankYou = {
  step: 'thanks',
  at: { offset: 0, unit: 'days' },
  action: { kind: 'message', purpose: 'thank-you', templates: ['purchase.thank_you'] },
};
const careEvery3Weeks = (templates: string[]) => ({
  step: 'care',
  at: { offset: 3, unit: 'weeks' },
  repeat: { every: 3, unit: 'weeks', count: 2 },
  sendAtLocalHour: 10,
  action: { kind: 'message', purpose: 'care-content', templates },
});
const aCadence = (overrides: Record<string, unknown> = {}) => ({
  name: 'Test cadence',
  onNewPurchase: 'restart',
  coalesceWindowDays: 7,
  steps: [thankYou, careEvery3Weeks(['care.tips'])],
  ...overrides,
});

describe('R6: publishing a brand’s cadence', () => {
  it('when nothing was published, then the built-in 0-3-3-3 is version 0', async () => {
    const response = await h.campaigns.app.inject({
      url: '/v1/cadence',
      headers: identityHeaders({ brandId: h.aBrand('fresh') }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      version: 0,
      publishedAt: null,
      definition: { name: 'Jewelry 0-3-3-3', onNewPurchase: 'restart' },
    });
  });

  it.each([
    [
      'an unknown purpose',
      { steps: [{ ...thankYou, action: { ...thankYou.action, purpose: 'spam' } }] },
      'steps[0].action.purpose',
    ],
    [
      'a negative offset',
      { steps: [{ ...thankYou, at: { offset: -1, unit: 'days' } }] },
      'steps[0].at.offset',
    ],
    [
      'a repeat with neither count nor end',
      { steps: [{ ...careEvery3Weeks(['care.tips']), repeat: { every: 3, unit: 'weeks' } }] },
      'steps[0].repeat',
    ],
    ['two steps of one name', { steps: [thankYou, thankYou] }, 'steps[1].step'],
    [
      'a fallback on a message step',
      { steps: [{ ...thankYou, onNotReached: { purpose: 'follow-up', template: 'x' } }] },
      'steps[0].onNotReached',
    ],
    ['no steps', { steps: [] }, 'steps'],
  ])(
    'when the body has %s, then 400 names the field and nothing is published',
    async (_, overrides, field) => {
      const brand = h.aBrand('invalid');
      const response = await h.putCadence(brand, aCadence(overrides));
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json<{ field: string }>().field).toBe(field);
      const versions = await h.campaigns.app.inject({
        url: '/v1/cadence/versions',
        headers: identityHeaders({ brandId: brand }),
      });
      expect(versions.json()).toEqual({ items: [], nextCursor: null });
    },
  );

  it('when the same definition is published twice, then one version is made; another definition makes version 2', async () => {
    const brand = h.aBrand('versions');
    expect((await h.putCadence(brand, aCadence())).statusCode).toBe(201);
    const again = await h.putCadence(brand, aCadence());
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ version: 1 });
    const v2 = await h.putCadence(brand, aCadence({ coalesceWindowDays: 3 }));
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, definition: { coalesceWindowDays: 3 } });

    const headers = identityHeaders({ brandId: brand });
    const list = await h.campaigns.app.inject({ url: '/v1/cadence/versions', headers });
    expect(list.json<{ items: { version: number }[] }>().items.map((v) => v.version)).toEqual([
      2, 1,
    ]);
    const v1 = await h.campaigns.app.inject({ url: '/v1/cadence/versions/1', headers });
    expect(v1.json()).toMatchObject({ version: 1, definition: { coalesceWindowDays: 7 } });
    const missing = await h.campaigns.app.inject({ url: '/v1/cadence/versions/9', headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'CADENCE_VERSION_NOT_FOUND', field: 'version' });
  });

  it('when v2 is published while a member is on v1, then the member keeps v1 and a new purchase starts on v2', async () => {
    const brand = h.aBrand('keep-version');
    const start = h.clock.now();
    await h.putCadence(brand, aCadence({ steps: [thankYou, careEvery3Weeks(['care.tips'])] }));
    const onV1 = randomUUID();
    await h.purchase(brand, onV1);
    await eventually(async () =>
      expect(await h.requestedTemplates(onV1)).toEqual(['purchase.thank_you']),
    );
    await h.putCadence(
      brand,
      aCadence({ steps: [thankYou, careEvery3Weeks(['care.appreciation'])] }),
    );
    const onV2 = randomUUID();
    await h.purchase(brand, onV2);
    await eventually(async () =>
      expect(await h.requestedTemplates(onV2)).toEqual(['purchase.thank_you']),
    );

    after(start, 21);
    await eventually(async () => {
      expect(await h.requestedTemplates(onV1)).toEqual(['purchase.thank_you', 'care.tips']);
      expect(await h.requestedTemplates(onV2)).toEqual(['purchase.thank_you', 'care.appreciation']);
    });
    after(start, 42);
    await eventually(async () =>
      expect(await h.requestedTemplates(onV1)).toEqual([
        'purchase.thank_you',
        'care.tips',
        'care.tips',
      ]),
    );
    expect(new Set((await h.followUpsOf(brand, onV1)).map((s) => s.cadenceVersion))).toEqual(
      new Set([1]),
    );
    expect(new Set((await h.followUpsOf(brand, onV2)).map((s) => s.cadenceVersion))).toEqual(
      new Set([2]),
    );
  });
});

describe('R6: coalescing cadences that run side by side', () => {
  it('when a brand lets cadences continue and a member buys on day 0 and day 3, then the two invitations due days apart become one', async () => {
    const brand = h.aBrand('coalesce');
    const invitation = {
      step: 'invitation',
      at: { offset: 90, unit: 'days' },
      sendAtLocalHour: 10,
      action: {
        kind: 'message',
        purpose: 'maintenance-invitation',
        templates: ['care.cleaning_invitation'],
      },
    };
    await h.putCadence(
      brand,
      aCadence({ onNewPurchase: 'continue', steps: [thankYou, invitation] }),
    );
    const memberId = randomUUID();
    const start = h.clock.now();
    const first = await h.purchase(brand, memberId);
    await eventually(async () => expect(await h.requestedTemplates(memberId)).toHaveLength(1));
    after(start, 3);
    const second = await h.purchase(brand, memberId);
    // Each purchase day has its thank-you (R6.2 governs those, not coalescing).
    await eventually(async () => expect(await h.requestedTemplates(memberId)).toHaveLength(2));

    after(start, 90);
    await eventually(async () =>
      expect(
        (await h.followUpsOf(brand, memberId)).find(
          (s) => s.purchaseId === first && s.step === 'invitation',
        ),
      ).toMatchObject({ status: 'dispatched' }),
    );
    after(start, 93);
    await eventually(async () =>
      expect(
        (await h.followUpsOf(brand, memberId)).find(
          (s) => s.purchaseId === second && s.step === 'invitation',
        ),
      ).toMatchObject({ status: 'skipped', reason: 'coalesced' }),
    );
    expect(
      (await h.requestedTemplates(memberId)).filter((t) => t === 'care.cleaning_invitation'),
    ).toHaveLength(1);
  });
});

describe('R6 exits: opted out', () => {
  it('when a member withdrew care consent, then a purchase brings them nothing at all', async () => {
    const memberId = randomUUID();
    await h.publish(Topics.membersEvents, memberId, h.memberEvent(BRAND, memberId).consent(false));
    await eventually(async () =>
      expect(
        await h.db('cadence_members').where({ brand_id: BRAND, member_id: memberId }),
      ).toHaveLength(1),
    );
    const start = h.clock.now();
    await h.purchase(BRAND, memberId);
    await eventually(async () =>
      expect((await h.followUpsOf(BRAND, memberId)).map((s) => [s.status, s.reason])).toEqual([
        ['skipped', 'opted-out'],
        ['skipped', 'opted-out'],
        ['skipped', 'opted-out'],
        ['skipped', 'opted-out'],
      ]),
    );
    after(start, 91);
    await h.dispatcherCaughtUp(BRAND);
    expect(await h.requestedTemplates(memberId)).toEqual([]);
    expect(await h.tasksOf(BRAND, memberId)).toHaveLength(0);
  });

  it('when a member opts out after the thank-you, then the rest of the cadence is skipped', async () => {
    const memberId = randomUUID();
    const start = h.clock.now();
    await h.purchase(BRAND, memberId);
    await eventually(async () =>
      expect(await h.requestedTemplates(memberId)).toEqual(['purchase.thank_you']),
    );
    await h.publish(Topics.membersEvents, memberId, h.memberEvent(BRAND, memberId).consent(false));
    await eventually(async () =>
      expect((await h.followUpsOf(BRAND, memberId)).filter((s) => s.status === 'pending')).toEqual(
        [],
      ),
    );
    after(start, 91);
    await h.dispatcherCaughtUp(BRAND);
    expect(await h.requestedTemplates(memberId)).toEqual(['purchase.thank_you']);
    expect(await h.tasksOf(BRAND, memberId)).toHaveLength(0);
  });
});

describe('Staff tasks follow the member (issue 9 item 6)', () => {
  it('when the serving associate leaves, then the member’s pending call moves to the new associate, who also gets an introduction', async () => {
    const memberId = randomUUID();
    const [leaving, taking] = [randomUUID(), randomUUID()];
    const member = h.memberEvent(BRAND, memberId);
    await h.publish(Topics.membersEvents, memberId, member.servedBy(leaving));
    await eventually(async () =>
      expect(
        await h.db('cadence_members').where({
          brand_id: BRAND,
          member_id: memberId,
          serving_associate_id: leaving,
        }),
      ).toHaveLength(1),
    );
    const start = h.clock.now();
    await h.purchase(BRAND, memberId);
    after(start, 3);
    await eventually(async () =>
      expect(await h.tasksOf(BRAND, memberId)).toEqual([
        expect.objectContaining({ kind: 'cadence-follow-up-call', assignee_id: leaving }),
      ]),
    );

    await h.publish(Topics.membersEvents, memberId, member.reassigned(leaving, taking));

    await eventually(async () =>
      expect(
        (await h.tasksOf(BRAND, memberId)).map((t: { kind: string; assignee_id: string }) => [
          t.kind,
          t.assignee_id,
        ]),
      ).toEqual([
        ['cadence-follow-up-call', taking],
        ['associate-introduction', taking],
      ]),
    );
  });
});
