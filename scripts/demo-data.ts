/**
 * The seed programme, a member and a purchase, so a newcomer sees points, a tier discount and a
 * thank-you message straight away.
 */
export async function seedDemoData(
  gatewayUrl: string,
  apiKey: string,
  log: (line: string) => void,
) {
  const headers = { 'content-type': 'application/json', 'x-api-key': apiKey };
  // The seed programme (R3 tiers, R4 promotions) is a template head office publishes on purpose.
  const template = (await (
    await fetch(`${gatewayUrl}/v1/programme/templates/seed`, { headers })
  ).json()) as { definition: unknown };
  const published = await fetch(`${gatewayUrl}/v1/programme/versions`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': 'demo-programme-seed' },
    body: JSON.stringify({ definition: template.definition }),
  });
  log(`demo programme: seed template published (${published.status})`);
  const memberResponse = await fetch(`${gatewayUrl}/v1/members`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name: '王芳',
      mobile: '13800138000',
      birthday: '1990-05-20',
      homeStoreId: 'SH-001',
    }),
  });
  const member = (await memberResponse.json()) as { memberId: string };
  const purchaseResponse = await fetch(`${gatewayUrl}/v1/purchases`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': `demo-purchase-${member.memberId}` },
    body: JSON.stringify({
      storeId: 'SH-001',
      receiptNumber: `DEMO-${member.memberId.slice(-8)}`,
      memberId: member.memberId,
      amountFen: 1_288_000,
      lines: [{ sku: 'RING-0001', name: '18K 金钻戒', quantity: 1, unitPriceFen: 1_288_000 }],
    }),
  });
  const purchase = (await purchaseResponse.json()) as { pointsBalance: number };
  log(`demo member ${member.memberId} has ${purchase.pointsBalance} points`);
  const quote = (await (
    await fetch(`${gatewayUrl}/v1/checkout/quote`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        memberId: member.memberId,
        storeId: 'SH-001',
        lines: [{ sku: 'RING-0002', quantity: 1, unitPriceFen: 520_000 }],
      }),
    })
  ).json()) as { payableFen: number; points: { totalPoints: number } };
  log(
    `a 5,200 yuan ring would cost them ${quote.payableFen / 100} yuan now and earn ${quote.points.totalPoints} points`,
  );
}
