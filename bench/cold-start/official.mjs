// One cold process: the official @lavapayments/nodejs SDK, the same gateway and REST calls.
const { baseUrl, secretKey, customerId, rest } = JSON.parse(process.argv[2]);
const { Lava } = await import('@lavapayments/nodejs');
const imported = performance.now();
const lava = new Lava(secretKey, { baseUrl: `${baseUrl}v1/` });
const body = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'cold' }] };
await lava.gateway('https://api.openai.com/v1/chat/completions', { body });
const gatewayAt = performance.now();
if (rest) await lava.customers.retrieve(customerId);
console.log(JSON.stringify({ imported, gateway: gatewayAt, rest: performance.now() }));
