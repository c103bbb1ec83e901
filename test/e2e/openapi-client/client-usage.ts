/**
 * An integrator's first path written against the client generated from the public API document:
 * it compiles only if the document names its operations, bodies, responses and errors, and
 * types them strictly enough to refuse a wrong call.
 */
import createClient from 'openapi-fetch';
import type { components, operations, paths } from 'laoke-api';

type Schemas = components['schemas'];
type RecordedPurchase =
  operations['recordPurchase']['responses'][201]['content']['application/json'];

export interface FirstPath {
  member: Schemas['Member'];
  purchase: RecordedPurchase;
  balance: Schemas['PointsBalance'] | undefined;
  ledger: Schemas['PointsLedgerEntry'][];
}

export async function registerAndBuy(
  baseUrl: string,
  apiKey: string,
): Promise<FirstPath | Schemas['Problem']> {
  const api = createClient<paths>({ baseUrl, headers: { 'x-api-key': apiKey } });
  const registered = await api.POST('/v1/members', {
    body: { name: '李娜', mobile: '13912345678', birthday: '1992-10-01', homeStoreId: 'SH-001' },
  });
  if (registered.error) return registered.error;
  const member = registered.data;

  const sale: Schemas['RecordPurchaseRequest'] = {
    storeId: 'SH-001',
    receiptNumber: 'R0001',
    memberId: member.memberId,
    amountFen: 520_000,
    lines: [{ sku: 'NECK-01', name: '足金项链', quantity: 1, unitPriceFen: 520_000 }],
  };
  const recorded = await api.POST('/v1/purchases', {
    params: { header: { 'idempotency-key': `pos-SH-001-R0001-${member.memberId}` } },
    body: sale,
  });
  if (recorded.error) return recorded.error;

  const path = { memberId: member.memberId };
  const balance = await api.GET('/v1/members/{memberId}/points', { params: { path } });
  const ledger = await api.GET('/v1/members/{memberId}/points/ledger', {
    params: { path, query: { limit: 10 } },
  });
  return {
    member,
    purchase: recorded.data,
    balance: balance.data,
    ledger: ledger.data?.items ?? [],
  };
}

// Each line below must be refused, or the generated types are too loose to help an integrator.
// @ts-expect-error amounts are integers of fen, never strings
export const amountAsText: Schemas['RecordPurchaseRequest']['amountFen'] = '5200';

export const wrongCalls = (api: ReturnType<typeof createClient<paths>>) => [
  // @ts-expect-error a purchase needs its Idempotency-Key
  api.POST('/v1/purchases', { body: {} as Schemas['RecordPurchaseRequest'] }),
  // @ts-expect-error there is no such route
  api.GET('/v1/members/{memberId}/secrets', { params: { path: { memberId: 'x' } } }),
];
