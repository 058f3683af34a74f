/**
 * The server's own log as an operator gets it from `npm start`: JSON lines when stdout is not a
 * terminal (journald, files) or with QMS_LOG_FORMAT=json; pino-pretty lines on a terminal (a real
 * pseudo-terminal from `script`) or with QMS_LOG_FORMAT=pretty. Either way the first lines include
 * the one start-up summary of the configuration in effect, without passwords.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeProcess } from '../support/node-process';
import { freePort, RedisProcess } from '../support/redis';

const nodes: NodeProcess[] = [];
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
});

async function started(env: Record<string, string>): Promise<NodeProcess> {
  const node = await NodeProcess.start(env);
  nodes.push(node);
  return node;
}

/** Waits until the node's output holds `text` (the pretty transport writes from a worker thread). */
async function outputWith(node: NodeProcess, text: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const out = node.output.join('');
    if (out.includes(text)) return out;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no "${text}" in:\n${node.output.join('')}`);
}

describe('the server log', () => {
  it('is JSON lines with QMS_LOG_FORMAT=json, the start-up line summarising the configuration', async () => {
    const redis = await RedisProcess.start();
    try {
      const node = await started({
        QMS_LOG_FORMAT: 'json',
        REDIS_URL: redis.url.replace('redis://', 'redis://:s3cret-pass@'),
        QMS_ALLOWED_ORIGINS: 'https://screens.example',
        QMS_TRUST_PROXY: '10.0.0.0/8',
        QMS_PUBLIC_URL: 'https://qms.example.cn',
      });
      const out = await outputWith(node, '"event":"configuration"');
      const lines = out.split('\n').filter(Boolean);
      const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      const summary = parsed.filter((l) => l.event === 'configuration');
      expect(summary).toHaveLength(1);
      expect(summary[0]).toMatchObject({
        level: 30,
        store: 'redis',
        redis: { topology: 'single', at: `127.0.0.1:${redis.port}`, passwords: 'data nodes', waitReplicas: 0 },
        halls: 2,
        trustProxy: '10.0.0.0/8',
        allowedOrigins: ['https://screens.example'],
        publicUrl: 'https://qms.example.cn',
      });
      expect(summary[0]!.msg).toMatch(
        /^configuration: store redis \(redis single at 127\.0\.0\.1:\d+, passwords: data nodes, writes acknowledged by the primary alone\); 2 halls; trust proxy 10\.0\.0\.0\/8; allowed origins https:\/\/screens\.example; public URL https:\/\/qms\.example\.cn; listening on http:\/\/127\.0\.0\.1:\d+$/,
      );
      expect(out).not.toContain('s3cret-pass');
    } finally {
      await redis.stop();
    }
  }, 120_000);

  it('is pino-pretty lines with QMS_LOG_FORMAT=pretty even when stdout is a pipe', async () => {
    const node = await started({ QMS_LOG_FORMAT: 'pretty' });
    const out = await outputWith(node, 'configuration: store embedded');
    const summaryLine = out.split('\n').find((l) => l.includes('configuration: store embedded'))!;
    expect(summaryLine).toMatch(
      /^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} [^\]]+\] INFO \(\d+\): configuration: store embedded in \S+; 2 halls; trust proxy loopback; allowed origins/,
    );
    expect(() => JSON.parse(summaryLine)).toThrow();
  }, 120_000);

  it('is pino-pretty on a terminal (npm start in a shell) and JSON through a pipe, with no setting', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'qms-tty-'));
    // `script` gives the server a real pseudo-terminal as stdout, as a shell window would.
    const child = spawn('script', ['-qefc', `${process.execPath} --import tsx server/main.ts`, '/dev/null'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, QMS_LOG_FORMAT: '', TERM: 'dumb' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    try {
      const deadline = Date.now() + 60_000;
      while (!out.includes('configuration:') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      const line = out.split(/\r?\n/).find((l) => l.includes('configuration:'));
      expect(line).toBeDefined();
      // Stripped of colours, a pretty line: time, level, pid, message.
      // eslint-disable-next-line no-control-regex -- ESC starts pino-pretty's colour codes, which this strips
      expect(line!.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/^\[[^\]]+\] INFO \(\d+\): configuration: store embedded/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
    // The same server through a pipe (NodeProcess) with no setting writes JSON.
    const piped = await started({});
    const first = (await outputWith(piped, '"event":"configuration"')).split('\n').find((l) => l.includes('"event":"configuration"'))!;
    expect(JSON.parse(first)).toMatchObject({ store: 'embedded', trustProxy: 'loopback', allowedOrigins: [] });
  }, 180_000);
});
