/// <reference types="node" />
import { execFile } from 'node:child_process';
import type { Readable } from 'node:stream';

/** The command that hands a URL to the user's default browser on this platform. */
export function openerCommand(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'open';
  if (platform === 'win32') return 'explorer';
  return 'xdg-open';
}

/**
 * Opens `url` in the default browser with the platform's opener, started with `execFile` so the
 * URL is one argument and never reaches a shell. Resolves when the opener exits successfully.
 */
export function openInDefaultBrowser(url: string): Promise<void> {
  const command = openerCommand();
  return new Promise<void>((resolve, reject) => {
    const child = execFile(command, [url], { windowsHide: true }, (error) => {
      // explorer.exe exits with 1 even when it opened the URL.
      const exitCode = (error as { code?: unknown } | null)?.code;
      if (error && !(command === 'explorer' && exitCode === 1)) reject(error);
      else resolve();
    });
    // Some openers stay in the foreground for as long as the browser runs; they must not keep the
    // caller's process alive once the login is over.
    child.unref();
    for (const stream of [child.stdout, child.stderr])
      (stream as (Readable & { unref?: () => void }) | null)?.unref?.();
  });
}
