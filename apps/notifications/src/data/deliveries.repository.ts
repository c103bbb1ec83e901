import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';

export interface Delivery {
  id: string;
  brandId: string;
  requestId: string;
  memberId: string;
  channel: string;
  template: string;
  category: string;
  status: 'sending' | 'sent' | 'suppressed';
  providerMessageId: string | null;
  text: string;
  createdAt: Date;
  sentAt: Date | null;
}

const toDelivery = (row: Record<string, unknown>): Delivery => ({
  id: row['id'] as string,
  brandId: row['brand_id'] as string,
  requestId: row['request_id'] as string,
  memberId: row['member_id'] as string,
  channel: row['channel'] as string,
  template: row['template'] as string,
  category: row['category'] as string,
  status: row['status'] as Delivery['status'],
  providerMessageId: row['provider_message_id'] as string | null,
  text: row['text'] as string,
  createdAt: row['created_at'] as Date,
  sentAt: row['sent_at'] as Date | null,
});

export const deliveriesRepository = {
  /** Returns false when this request was already delivered: one request, one message. */
  async start(db: Queryable, delivery: Delivery): Promise<boolean> {
    const inserted = await db('deliveries')
      .insert({
        id: delivery.id,
        brand_id: delivery.brandId,
        request_id: delivery.requestId,
        member_id: delivery.memberId,
        channel: delivery.channel,
        template: delivery.template,
        category: delivery.category,
        status: delivery.status,
        provider_message_id: delivery.providerMessageId,
        text: delivery.text,
        created_at: delivery.createdAt,
        sent_at: delivery.sentAt,
      })
      .onConflict('request_id')
      .ignore()
      .returning('id');
    return inserted.length > 0;
  },

  async markSent(db: Queryable, id: string, providerMessageId: string, at: Date): Promise<void> {
    await db('deliveries')
      .where({ id })
      .update({ status: 'sent', provider_message_id: providerMessageId, sent_at: at });
  },

  /** Newest first; `limit` rows after `after`, plus one to tell whether more follow. */
  async listForMember(
    db: Queryable,
    brandId: string,
    memberId: string,
    page: PageRequest,
  ): Promise<Delivery[]> {
    const query = db('deliveries').where({ brand_id: brandId, member_id: memberId });
    const rows = (await keysetPage(query, 'created_at', 'desc', page)) as Record<string, unknown>[];
    return rows.map(toDelivery);
  },
};
