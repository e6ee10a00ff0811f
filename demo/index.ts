// `npm run demo`: the complete integration with @lava/fn — a meter and a plan, a customer signing up
// through checkout, then AI calls billed to that customer through Lava's gateway three ways (plain
// fetch with a forward token, gateway(), gatewayStream()), and the credit and requests that result.
// With no LAVA_SECRET_KEY it starts the local Lava double and talks to it; with a real
// LAVA_SECRET_KEY (and no LAVA_BASE_URL) the very same calls go to Lava itself, except the checkout
// completion, which a person does in Lava's hosted checkout (the demo then asks for a customer id).
import {
  createCheckoutSession,
  createConfig,
  createMeter,
  createPlan,
  gateway,
  gatewayStream,
  generateForwardToken,
  getCustomerSubscription,
  listRequests,
  providerUrl,
} from '../src/index.js';
import { type LavaDouble, startLavaDouble } from '../test/double/index.js';

const step = (n: number, text: string) => console.log(`\n${n}. ${text}`);
const show = (label: string, value: unknown) => console.log(`   ${label.padEnd(16)} ${value}`);

interface ChatCompletion {
  id: string;
  choices: { message: { content: string } }[];
  usage: { prompt_tokens: number; completion_tokens: number };
}

/** The double-only stand-in for a customer paying in Lava's hosted checkout. */
async function completeCheckout(double: LavaDouble, sessionId: string): Promise<string> {
  const res = await fetch(`${double.baseUrl}__double/checkout_sessions/${sessionId}/complete`, {
    method: 'POST',
    headers: { authorization: `Bearer ${double.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Ada Lovelace', email: 'ada@example.com', reference_id: `demo_${Date.now()}` }),
  });
  if (!res.ok) throw new Error(`checkout completion failed: ${res.status} ${await res.text()}`);
  const session = (await res.json()) as { customer_id: string };
  return session.customer_id;
}

async function main() {
  let double: LavaDouble | undefined;
  if (!process.env.LAVA_SECRET_KEY) double = await startLavaDouble({ streamGapMs: 40 });
  const config = double ? createConfig({ secretKey: double.secretKey, baseUrl: double.baseUrl }) : createConfig();
  console.log(
    double
      ? `@lava/fn demo against the local Lava double at ${config.baseUrl}`
      : `@lava/fn demo against ${config.baseUrl} with key ${config.keyHint}`,
  );
  try {
    step(1, 'createMeter + createPlan with that meter');
    const meter = await createMeter(config, {
      name: 'Chat tokens',
      rate_type: 'fixed',
      tier_type: 'tokens_1m',
      tiers: [{ start: '0', rate: '20.00' }],
    });
    show('meter_slug', meter.meter_slug);
    const plan = await createPlan(config, {
      name: 'Starter',
      period_amount: '0.00',
      billing_interval: 'month',
      included_credit: '5.00',
      meter_ids: [meter.meter_id],
    });
    show('plan', `${plan.plan_id} (${plan.name}, $${plan.included_credit} included)`);

    step(2, 'createCheckoutSession → the customer completes it → store the customer id');
    const session = await createCheckoutSession(config, {
      checkout_mode: 'subscription',
      origin_url: 'https://app.example.com',
      plan_id: plan.plan_id,
    });
    show('session', session.checkout_session_id);
    const customerId = double
      ? await completeCheckout(double, session.checkout_session_id)
      : (process.env.LAVA_DEMO_CUSTOMER_ID ?? '');
    if (!customerId) throw new Error('against Lava itself, set LAVA_DEMO_CUSTOMER_ID to a customer who paid');
    show('customer_id', customerId);
    const before = await getCustomerSubscription(config, customerId);
    show('credit', before.subscription?.credits.total_remaining ?? 'no subscription');

    const billing = { customer_id: customerId, meter_slug: meter.meter_slug };
    const question = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'What is Lava?' }] };

    step(3, "generateForwardToken → plain fetch to providerUrl(config, 'openai') + '/chat/completions'");
    const token = generateForwardToken(config, billing);
    show('token', `${token.slice(0, 24)}… (${token.length} chars)`);
    const res = await fetch(`${providerUrl(config, 'openai')}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(question),
    });
    const viaFetch = (await res.json()) as ChatCompletion;
    show('status', res.status);
    show('answer', viaFetch.choices[0]?.message.content);

    step(4, 'the same through gateway()');
    const viaGateway = await gateway<ChatCompletion>(config, 'https://api.openai.com/v1/chat/completions', {
      ...billing,
      body: question,
      headers: { 'x-lava-metadata': JSON.stringify({ feature: 'demo' }) },
    });
    show('answer', viaGateway.choices[0]?.message.content);
    show('usage', `${viaGateway.usage.prompt_tokens} in / ${viaGateway.usage.completion_tokens} out tokens`);

    step(5, 'a streamed answer through gatewayStream(), printed as it arrives');
    const started = Date.now();
    const stream = await gatewayStream(config, 'https://api.openai.com/v1/chat/completions', {
      ...billing,
      body: { ...question, stream: true, messages: [{ role: 'user', content: 'Stream me a short story' }] },
    });
    process.stdout.write('   stream           ');
    let events = 0;
    let firstAt = 0;
    for await (const event of stream) {
      events += 1;
      if (events === 1) firstAt = Date.now() - started;
      process.stdout.write(event.json?.choices?.[0]?.delta?.content ?? '');
    }
    process.stdout.write('\n');
    show('events', `${events} (first after ${firstAt} ms, all after ${Date.now() - started} ms)`);

    step(6, 'getCustomerSubscription: the credit went down');
    const after = await getCustomerSubscription(config, customerId);
    show('credit before', before.subscription?.credits.total_remaining);
    show('credit after', after.subscription?.credits.total_remaining);

    step(7, 'listRequests: the three calls');
    const requests = await listRequests(config, { customer_id: customerId });
    for (const r of requests.data) {
      show('·', `${r.request_id} ${r.endpoint} ${r.model_usage.total_tokens} tokens, charged $${r.charge.amount}`);
    }
    show('count', requests.data.length);
    console.log('\nDone.');
  } finally {
    await double?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
