/**
 * Reads a server process's memory the way a heap snapshot would count it: through the Node
 * inspector (the process runs with `--inspect=127.0.0.1:0`), a full garbage collection first, then
 * `process.memoryUsage()`. Without the collection, memory per connection is lost in the garbage
 * that connection set-up and earlier runs leave behind.
 */
import { WebSocket, type MessageEvent } from 'undici';

export interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
}

/** The inspector's WebSocket URL, from the "Debugger listening on ws://…" line the process prints. */
export function inspectorUrl(output: string[]): string | null {
  return /Debugger listening on (ws:\/\/\S+)/.exec(output.join(''))?.[1] ?? null;
}

export async function collectAndMeasure(url: string): Promise<Memory> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error(`inspector ${url} refused`)), { once: true });
  });
  let nextId = 1;
  const call = (method: string, params: object = {}): Promise<any> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const onMessage = (event: MessageEvent) => {
        const reply = JSON.parse(String(event.data)) as { id?: number; result?: any; error?: { message: string } };
        if (reply.id !== id) return;
        ws.removeEventListener('message', onMessage);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result);
      };
      ws.addEventListener('message', onMessage);
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const r = await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    const m = JSON.parse(r.result.value as string) as Memory;
    return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
  } finally {
    ws.close();
  }
}
