// The double as a process: `tsx test/double/main.ts [--port N]` starts it, prints one JSON line
// `{"baseUrl":…,"secretKey":…,"liveSecretKey":…,"port":…}` on stdout, and serves until stdin closes
// or it gets SIGTERM/SIGINT. For harnesses that run the SDK in another process or runtime.
import { startLavaDouble } from './index.js';

const portFlag = process.argv.indexOf('--port');
const port = portFlag === -1 ? 0 : Number(process.argv[portFlag + 1]);
const double = await startLavaDouble({ port });
process.stdout.write(
  `${JSON.stringify({ baseUrl: double.baseUrl, secretKey: double.secretKey, liveSecretKey: double.liveSecretKey, port: double.port })}\n`,
);

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  double.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// A parent that dies without signalling closes our stdin: stop then too.
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
