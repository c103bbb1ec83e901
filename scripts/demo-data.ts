/** A member and a purchase, so a newcomer sees points and a thank-you message straight away. */
export async function seedDemoData(
  gatewayUrl: string,
  apiKey: string,
  log: (line: string) => void,
) {
  const headers = { 'content-type': 'application/json', 'x-api-key': apiKey };
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
}
