// Plays the person in front of the browser with plain HTTP: opens the double's /auth/connect page,
// submits the Authorize (or Deny) form, and returns where the app redirects, i.e. the loopback callback.
import { expect } from 'vitest';

export async function authorizeOverHttp(connectUrl: string, decision: 'allow' | 'deny' = 'allow'): Promise<URL> {
  const page = await fetch(connectUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Authorize');
  const url = new URL(connectUrl);
  const form = new URLSearchParams({
    state: url.searchParams.get('state') ?? '',
    port: url.searchParams.get('port') ?? '',
    decision,
  });
  const redirect = await fetch(new URL('/auth/connect', url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  expect(redirect.status).toBe(303);
  return new URL(redirect.headers.get('location') ?? '');
}

/** Whether something still listens on 127.0.0.1:port. */
export async function isListening(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

/** A controllable `openBrowser`: records the URL and lets the test act on it. */
export function capturingOpener() {
  let resolveUrl: (url: URL) => void = () => {};
  const opened = new Promise<URL>((resolve) => {
    resolveUrl = resolve;
  });
  return {
    opened,
    openBrowser(url: string) {
      resolveUrl(new URL(url));
    },
  };
}
