import { describe, expect, it } from 'vitest';
import { createEvent, eventProblems, topicOf } from '../src';

const aPointsEarned = (data: Record<string, unknown> = {}) =>
  createEvent({
    type: 'points.earned',
    brandId: 'brand-a',
    memberId: '01900000-0000-7000-8000-000000000001',
    data: { memberId: 'm', purchaseId: 'p', points: 12, balance: 12, rule: 'base', ...data },
  });

describe('event contracts', () => {
  it('gives every event a UUID v7 id, a version and a correlation id', () => {
    const event = aPointsEarned();
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(event.version).toBe(1);
    expect(event.correlationId).toBe(event.id);
    expect(eventProblems(event)).toEqual([]);
  });

  it('names what is wrong with an event that breaks its schema', () => {
    expect(eventProblems(aPointsEarned({ points: 'twelve' })).join()).toContain('/data/points');
  });

  it('refuses unknown event types', () => {
    expect(eventProblems({ type: 'points.vanished' })).toEqual([
      'unknown event type "points.vanished"',
    ]);
  });

  it('routes each event to its domain topic', () => {
    expect(topicOf('points.earned')).toBe('loyalty.events');
    expect(topicOf('notification.requested')).toBe('notifications.requests');
  });
});
