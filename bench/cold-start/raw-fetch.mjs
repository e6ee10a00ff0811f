// One cold process: no SDK, the same two requests with fetch — the floor of the other three.
const { baseUrl, secretKey, customerId, rest, token } = JSON.parse(process.argv[2]);
const imported = performance.now();
const body = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'cold' }] };
const upstream = encodeURIComponent('https://api.openai.com/v1/chat/completions');
const answer = await fetch(`${baseUrl}v1/forward?u=${upstream}`, {
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
await answer.json();
const gatewayAt = performance.now();
if (rest) {
  const customer = await fetch(`${baseUrl}v1/customers/${customerId}`, {
    headers: { authorization: `Bearer ${secretKey}` },
  });
  await customer.json();
}
console.log(JSON.stringify({ imported, gateway: gatewayAt, rest: performance.now() }));
