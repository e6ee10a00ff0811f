// One cold process: the built @lava/fn through its CommonJS entry (dist/cjs: the edge file now, the operations on first call).
const { baseUrl, secretKey, customerId, rest } = JSON.parse(process.argv[2]);
const { createConfig, gateway, getCustomer } = require('@lava/fn');
const imported = performance.now();
(async () => {
  const config = createConfig({ secretKey, baseUrl });
  const body = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'cold' }] };
  await gateway(config, 'https://api.openai.com/v1/chat/completions', { body });
  const gatewayAt = performance.now();
  if (rest) await getCustomer(config, customerId);
  console.log(JSON.stringify({ imported, gateway: gatewayAt, rest: performance.now() }));
})();
