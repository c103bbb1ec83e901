/**
 * R12 demo data through the gateway: the demo brand with two regions, two franchisees, five
 * stores (head-office-owned and franchised) and some staff. Safe to run again: what exists
 * already (409 names it) is reused.
 */
type Json = Record<string, unknown>;

export async function seedDemoOrganisation(
  gatewayUrl: string,
  apiKey: string,
  log: (line: string) => void,
) {
  const headers = { 'content-type': 'application/json', 'x-api-key': apiKey };
  const send = async (method: 'POST' | 'PUT', path: string, body: Json): Promise<Json> => {
    const response = await fetch(`${gatewayUrl}${path}`, {
      method,
      headers,
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Json;
    if (response.ok || response.status === 409) return answer;
    throw new Error(`${method} ${path} answered ${response.status}: ${String(answer['detail'])}`);
  };
  /** The id of what was created, or of the existing resource a 409 names. */
  const create = async (collection: string, idName: string, body: Json) => {
    const answer = await send('POST', `/v1/${collection}`, body);
    const existing = `existing${idName[0]?.toUpperCase()}${idName.slice(1)}`;
    return String(answer[idName] ?? answer[existing]);
  };

  await send('PUT', '/v1/brand', {
    name: '金缘珠宝',
    timeZone: 'Asia/Shanghai',
    defaultLocale: 'zh-CN',
    smsSignature: '【金缘珠宝】',
    programmeSettings: { pointsPerYuan: 0.1, tiers: ['vip', 'gold', 'diamond'] },
  });
  const east = await create('regions', 'regionId', { name: '华东区' });
  const south = await create('regions', 'regionId', { name: '华南区' });
  const suzhou = await create('franchisees', 'franchiseeId', { name: '苏州金辉商贸有限公司' });
  const guangzhou = await create('franchisees', 'franchiseeId', { name: '广州粤珠贸易有限公司' });
  const stores: Json[] = [
    { code: 'SH-001', name: '上海南京东路店', ownership: 'head-office', regionId: east },
    { code: 'SH-002', name: '上海徐家汇店', ownership: 'head-office', regionId: east },
    {
      code: 'SZ-001',
      name: '苏州观前街店',
      ownership: 'franchised',
      franchiseeId: suzhou,
      regionId: east,
    },
    {
      code: 'GZ-001',
      name: '广州天河店',
      ownership: 'franchised',
      franchiseeId: guangzhou,
      regionId: south,
    },
    { code: 'SZN-001', name: '深圳万象城店', ownership: 'head-office', regionId: south },
  ];
  const storeIds: string[] = [];
  for (const store of stores) storeIds.push(await create('stores', 'storeId', store));

  // Staff have no natural key: added once, when the brand's first store is new.
  const staff = await fetch(`${gatewayUrl}/v1/staff?limit=1`, { headers }).then(
    (r) => r.json() as Promise<{ items: unknown[] }>,
  );
  if (staff.items.length === 0) {
    const [sh001] = storeIds;
    await send('POST', '/v1/staff', { name: '周总', role: 'brand-admin', mobile: '13900000001' });
    await send('POST', '/v1/staff', {
      name: '陈经理',
      role: 'region-manager',
      regionId: east,
      mobile: '13900000002',
    });
    await send('POST', '/v1/staff', {
      name: '王店长',
      role: 'store-manager',
      storeId: sh001,
      mobile: '13900000003',
    });
    await send('POST', '/v1/staff', {
      name: '李娜',
      role: 'associate',
      storeId: sh001,
      mobile: '13900000004',
    });
  }
  log(`demo organisation: 2 regions, 2 franchisees, ${stores.length} stores (GET /v1/stores)`);
}
