// The official OpenAI SDK, billed through Lava: `createLavaFetch` routes every request the SDK
// makes through Lava's gateway with a forward token for this customer and meter, and replaces the
// SDK's own key, so the key passed to `new OpenAI` is a placeholder.
//
//   LAVA_SECRET_KEY=aks_test_… LAVA_CUSTOMER_ID=con_… LAVA_METER_SLUG=chat \
//     npx tsx --tsconfig examples/tsconfig.json examples/openai-sdk.ts "Say hi"
import { pathToFileURL } from 'node:url';
import { createConfig, createLavaFetch, type ForwardTokenOptions, type LavaConfig } from '@lava/fn';
import OpenAI from 'openai';

/** An OpenAI client whose calls Lava bills as `billing` says. */
export function lavaOpenAI(config: LavaConfig, billing: ForwardTokenOptions): OpenAI {
  // maxRetries 0: an SDK retry of an AI call can bill twice; retry yourself where that is acceptable.
  return new OpenAI({ apiKey: 'billed-by-lava', fetch: createLavaFetch(config, billing), maxRetries: 0 });
}

/** One answer, then the same question streamed; returns both texts. */
export async function ask(openai: OpenAI, prompt: string): Promise<{ answer: string; streamed: string }> {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: prompt }],
  });
  const answer = completion.choices[0]?.message.content ?? '';

  const stream = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: prompt }],
    stream: true,
  });
  let streamed = '';
  for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? '';
  return { answer, streamed };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = process.env;
  const openai = lavaOpenAI(createConfig(), {
    customer_id: env.LAVA_CUSTOMER_ID ?? '',
    meter_slug: env.LAVA_METER_SLUG ?? '',
  });
  const { answer, streamed } = await ask(openai, process.argv[2] ?? 'Say hi');
  console.log(`answer:   ${answer}\nstreamed: ${streamed}`);
}
