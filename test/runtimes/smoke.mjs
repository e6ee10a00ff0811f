// The smoke suite every runtime of the matrix runs against the packed package. Plain JavaScript with
// no imports and only web globals, so Node, Bun, Deno, workerd and the edge VM can all load it;
// each runtime's entry imports `@lava/fn` (and tries `@lava/fn/node`) and passes the modules in.
//
// ctx: { runtime, baseUrl, secretKey, tokens: [{ options, token }], webhook: { secret, body, signature },
//        nodeEntry: 'works' | 'refuses', webOnly: boolean }
// Returns { checks: [{ name, ok, detail }] }; it never throws.

/** Fails a check with a message that says what was expected. */
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function rejectionOf(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the call resolved');
}

function describe(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export async function smoke(lava, loadNodeEntry, ctx) {
  const checks = [];
  const check = async (name, body) => {
    try {
      const detail = await body();
      checks.push({ name, ok: true, detail: detail ?? '' });
    } catch (error) {
      checks.push({ name, ok: false, detail: describe(error) });
    }
  };
  let config;

  await check('createConfig with an explicit key', () => {
    config = lava.createConfig({ secretKey: ctx.secretKey, baseUrl: ctx.baseUrl, retry: 0, timeout: 10_000 });
    expect(config.baseUrl === ctx.baseUrl, `baseUrl ${config.baseUrl} !== ${ctx.baseUrl}`);
    const printed = `${String(config)} ${JSON.stringify(config)} ${config.keyHint}`;
    expect(!printed.includes(ctx.secretKey), 'the printed config contains the secret key');
    expect(Object.isFrozen(config), 'the config is not frozen');
  });

  await check('generateForwardToken equals the official SDK', () => {
    expect(ctx.tokens.length > 0, 'no expected tokens were given');
    for (const { options, token } of ctx.tokens) {
      const ours = lava.generateForwardToken(config, options);
      expect(ours === token, `token for ${JSON.stringify(options)} differs: ${ours} !== ${token}`);
    }
    return `${ctx.tokens.length} tokens`;
  });

  await check('REST: createCustomer then getCustomer', async () => {
    const reference = `smoke-${ctx.runtime}-${Date.now()}`;
    const created = await lava.createCustomer(config, { reference_id: reference, email: 'smoke@example.com' });
    expect(typeof created.customer_id === 'string' && created.customer_id !== '', 'no customer_id');
    const fetched = await lava.getCustomer(config, created.customer_id);
    expect(fetched.customer_id === created.customer_id, 'getCustomer returned another customer');
    expect(fetched.reference_id === reference, `reference_id ${fetched.reference_id} !== ${reference}`);
    const page = await lava.listCustomers(config, { limit: 100 });
    expect(
      page.data.some((c) => c.customer_id === created.customer_id),
      'listCustomers does not list it',
    );
  });

  await check('createConfig() takes LAVA_SECRET_KEY where the runtime has an environment', () => {
    let fromEnv;
    try {
      fromEnv = lava.createConfig();
    } catch (error) {
      expect(ctx.webOnly, `no config from the environment: ${describe(error)}`);
      expect(
        lava.isLavaValidationError(error) && error.field === 'options.secretKey',
        `without an environment, expected a LavaValidationError on options.secretKey: ${describe(error)}`,
      );
      return 'no environment here: a LavaValidationError on options.secretKey';
    }
    expect(!ctx.webOnly, 'a runtime without an environment found a key');
    expect(
      fromEnv.keyHint === `aks_test_…${ctx.envKey.slice(-4)}`,
      `keyHint ${fromEnv.keyHint} is not the environment's key`,
    );
    expect(
      fromEnv.baseUrl === 'https://sandbox-api.lavapayments.com/',
      `baseUrl ${fromEnv.baseUrl} for an aks_test_ key`,
    );
    return 'read from the environment';
  });

  await check('errors: a 404 is a LavaApiError', async () => {
    const error = await rejectionOf(lava.getCustomer(config, 'con_does_not_exist'));
    expect(error instanceof lava.LavaApiError, `not a LavaApiError: ${describe(error)}`);
    expect(lava.isLavaApiError(error) && lava.isLavaError(error), 'the guards do not recognise it');
    expect(error.status === 404, `status ${error.status}`);
    expect(!`${String(error)} ${JSON.stringify(error)}`.includes(ctx.secretKey), 'the error shows the secret key');
  });

  await check('errors: bad input is a LavaValidationError, nothing sent', async () => {
    let sent = 0;
    const counting = lava.createConfig({
      secretKey: ctx.secretKey,
      baseUrl: ctx.baseUrl,
      fetch: (input, init) => {
        sent += 1;
        return fetch(input, init);
      },
    });
    const error = await rejectionOf(lava.getCustomer(counting, ''));
    expect(lava.isLavaValidationError(error), `not a LavaValidationError: ${describe(error)}`);
    expect(error.field === 'id', `field ${error.field}`);
    expect(sent === 0, `${sent} requests were sent`);
  });

  await check('gateway: OpenAI chat completion', async () => {
    const reply = await lava.gateway(config, 'https://api.openai.com/v1/chat/completions', {
      body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `hello from ${ctx.runtime}` }] },
    });
    const content = reply?.choices?.[0]?.message?.content;
    expect(
      typeof content === 'string' && content.length > 0,
      `no choices[0].message.content in ${JSON.stringify(reply)}`,
    );
  });

  await check('gatewayStream: OpenAI SSE', async () => {
    const stream = await lava.gatewayStream(config, 'https://api.openai.com/v1/chat/completions', {
      body: { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'stream please' }] },
    });
    let events = 0;
    let text = '';
    for await (const event of stream) {
      events += 1;
      const data = typeof event === 'string' ? event : event.data;
      if (typeof data !== 'string' || data === '[DONE]') continue;
      text += JSON.parse(data).choices?.[0]?.delta?.content ?? '';
    }
    expect(events > 1, `only ${events} events`);
    expect(text.length > 0, 'no streamed content');
    return `${events} events`;
  });

  await check('verifyWebhookSignature (Web Crypto HMAC)', async () => {
    const { secret, body, signature } = ctx.webhook;
    expect((await lava.verifyWebhookSignature(secret, body, signature)) === true, 'a genuine signature is rejected');
    const tampered = body.replace('customer.created', 'customer.deleted');
    expect((await lava.verifyWebhookSignature(secret, tampered, signature)) === false, 'a tampered body passes');
  });

  if (ctx.webOnly) {
    await check('no Node globals (Buffer, process, require)', () => {
      const present = ['Buffer', 'process', 'require'].filter((name) => typeof globalThis[name] !== 'undefined');
      expect(present.length === 0, `present: ${present.join(', ')}`);
    });
  }

  await check(ctx.nodeEntry === 'works' ? '@lava/fn/node loads here' : '@lava/fn/node refuses clearly', async () => {
    let entry;
    try {
      entry = await loadNodeEntry();
    } catch (error) {
      expect(ctx.nodeEntry === 'refuses', `import failed: ${describe(error)}`);
      expect(/node/i.test(String(error?.message)), `unclear refusal at import: ${describe(error)}`);
      return `import refused: ${error.message}`;
    }
    expect(typeof entry.login === 'function', 'no login export');
    expect(typeof entry.createConfig === 'function', 'does not re-export the main entry');
    if (ctx.nodeEntry === 'works') return 'login available';
    const error = await rejectionOf((async () => entry.login())());
    expect(lava.isLavaError(error), `login failed, but not with a LavaError: ${describe(error)}`);
    expect(/node/i.test(error.message), `unclear refusal: ${describe(error)}`);
    return `login refused: ${error.message}`;
  });

  return { checks };
}
