// A Next.js App Router route handler on the edge runtime (`app/api/chat/route.ts`): plain
// `Request` in, `Response` out, so it needs nothing from `next`. It answers one chat turn billed to
// the signed-in customer, and refuses politely when the customer is out of credit.
// `createConfig()` reads `LAVA_SECRET_KEY` (and `LAVA_BASE_URL`) from the environment Vercel sets.
import { createConfig, gateway, isLavaApiError } from '@lava/fn';

export const runtime = 'edge';

interface ChatCompletion {
  choices: { message: { content: string } }[];
  usage?: { total_tokens: number };
}

export async function POST(request: Request): Promise<Response> {
  const { message } = (await request.json()) as { message?: string };
  // In an application, the customer comes from your session, never from the request body.
  const customerId = request.headers.get('x-customer-id');
  if (!message || !customerId)
    return Response.json({ error: 'message and x-customer-id are required' }, { status: 400 });

  try {
    const completion = await gateway<ChatCompletion>(createConfig(), 'https://api.openai.com/v1/chat/completions', {
      customer_id: customerId,
      meter_slug: process.env.LAVA_METER_SLUG ?? 'chat',
      body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: message }] },
      signal: request.signal,
    });
    return Response.json({
      reply: completion.choices[0]?.message.content ?? '',
      tokens: completion.usage?.total_tokens ?? 0,
    });
  } catch (error) {
    if (isLavaApiError(error) && error.status === 402) {
      return Response.json({ error: 'Out of credit: top up to keep chatting.' }, { status: 402 });
    }
    if (isLavaApiError(error)) return Response.json({ error: error.message }, { status: 502 });
    throw error;
  }
}
