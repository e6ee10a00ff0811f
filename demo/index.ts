// `npm run demo`: walks a customer through the Lava API with @lava/fn.
// With no LAVA_SECRET_KEY it starts the local Lava double and talks to it; with a real
// LAVA_SECRET_KEY (and no LAVA_BASE_URL) the very same calls go to Lava itself.
import {
  createConfig,
  createCustomer,
  deleteCustomer,
  getCustomer,
  getCustomerSubscription,
  isLavaApiError,
  listCustomers,
  updateCustomer,
} from '../src/index.js';
import { type LavaDouble, startLavaDouble } from '../test/double/index.js';

const step = (n: number, text: string) => console.log(`\n${n}. ${text}`);
const show = (label: string, value: unknown) => console.log(`   ${label.padEnd(14)} ${value}`);

async function main() {
  let double: LavaDouble | undefined;
  if (!process.env.LAVA_SECRET_KEY) double = await startLavaDouble();
  const config = double ? createConfig({ secretKey: double.secretKey, baseUrl: double.baseUrl }) : createConfig();
  console.log(
    double
      ? `@lava/fn demo against the local Lava double at ${config.baseUrl}`
      : `@lava/fn demo against ${config.baseUrl} with key ${config.keyHint}`,
  );
  try {
    step(1, 'createCustomer');
    const reference = `demo_${Date.now()}`;
    const customer = await createCustomer(config, {
      reference_id: reference,
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      metadata: { source: 'demo' },
    });
    show('customer_id', customer.customer_id);
    show('reference_id', customer.reference_id);
    show('contact', `${customer.contact.first_name} ${customer.contact.last_name} <${customer.contact.email}>`);

    step(2, 'listCustomers (first page of 5)');
    const page = await listCustomers(config, { limit: 5 });
    for (const c of page.data) show('·', `${c.customer_id} ${c.reference_id ?? ''}`);
    show('has_more', page.has_more);

    step(3, 'getCustomer by reference id');
    const found = await getCustomer(config, reference);
    show('same customer', found.customer_id === customer.customer_id);

    step(4, 'updateCustomer (new email, metadata cleared)');
    const updated = await updateCustomer(config, customer.customer_id, { email: 'ada@lovelace.dev', metadata: null });
    show('email', updated.contact.email);
    show('metadata', JSON.stringify(updated.metadata));

    step(5, 'getCustomerSubscription');
    const { subscription } = await getCustomerSubscription(config, customer.customer_id);
    show('subscription', subscription ? `${subscription.plan.name} (${subscription.status})` : 'none yet');

    step(6, 'deleteCustomer, then getCustomer again');
    const deleted = await deleteCustomer(config, customer.customer_id);
    show('success', deleted.success);
    try {
      await getCustomer(config, customer.customer_id);
      show('after delete', 'still found?!');
      process.exitCode = 1;
    } catch (error) {
      if (!isLavaApiError(error)) throw error;
      show('after delete', `${error.name} ${error.status} ${error.code ?? ''}`);
    }
    console.log('\nDone.');
  } finally {
    await double?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
