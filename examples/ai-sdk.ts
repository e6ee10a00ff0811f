// The Vercel AI SDK, billed through Lava: `createLavaFetch` is the provider's `fetch`, so
// `generateText` and `streamText` go through Lava's gateway for this customer and meter.
//
//   LAVA_SECRET_KEY=aks_test_… LAVA_CUSTOMER_ID=con_… LAVA_METER_SLUG=chat \
//     npx tsx --tsconfig examples/tsconfig.json examples/ai-sdk.ts "Say hi"
import { pathToFileURL } from 'node:url';
import { createOpenAI } from '@ai-sdk/openai';
import { createConfig, createLavaFetch, type ForwardTokenOptions, type LavaConfig } from '@lava/fn';
import { generateText, streamText } from 'ai';

/** The AI SDK's OpenAI provider, with its calls billed by Lava as `billing` says. */
export function lavaOpenAIProvider(config: LavaConfig, billing: ForwardTokenOptions) {
  return createOpenAI({ apiKey: 'billed-by-lava', fetch: createLavaFetch(config, billing) });
}

/** One generated answer and one streamed answer (the text of each, and the tokens used). */
export async function generateAndStream(provider: ReturnType<typeof lavaOpenAIProvider>, prompt: string) {
  // maxRetries 0: a retried AI call can bill twice.
  const generated = await generateText({ model: provider('gpt-4o-mini'), prompt, maxRetries: 0 });
  const result = streamText({ model: provider('gpt-4o-mini'), prompt, maxRetries: 0 });
  let streamed = '';
  for await (const text of result.textStream) streamed += text;
  return { generated: generated.text, streamed, outputTokens: (await result.usage).outputTokens };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = process.env;
  const provider = lavaOpenAIProvider(createConfig(), {
    customer_id: env.LAVA_CUSTOMER_ID ?? '',
    meter_slug: env.LAVA_METER_SLUG ?? '',
  });
  const { generated, streamed, outputTokens } = await generateAndStream(provider, process.argv[2] ?? 'Say hi');
  console.log(`generated: ${generated}\nstreamed:  ${streamed} (${outputTokens} output tokens)`);
}
