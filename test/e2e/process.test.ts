import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.js';

import { ensureBuilt, startScript } from '../support/build.js';

const ADMIN = 5_100_000_001;

// `npm start` runs compiled JavaScript (dist/, built by `npm install`); the test runs the same command
// in a fresh working directory (npm itself would run it in the project folder).
function startProcess(cwd: string, env: Record<string, string>) {
  const { command, args, env: startEnv } = startScript();
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...startEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('the real process (npm start) against the fake Bot API', () => {
  let fake: FakeTelegram;
  let cwd: string;
  let proc: { child: ChildProcess; exited: Promise<number | null>; output: () => string };

  beforeAll(async () => {
    ensureBuilt();
    fake = await startFakeTelegram();
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-e2e-'));
    proc = startProcess(cwd, {
      BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      ADMIN_TELEGRAM_IDS: String(ADMIN),
    });
    // deleteWebhook is telegraf's last call before it starts long polling (a getUpdates only finishes when an update comes).
    await fake.waitFor({ method: 'deleteWebhook' }, 60_000).catch((err) => {
      throw new Error(`${err}\n--- process output ---\n${proc.output()}`);
    });
  }, 90_000);

  afterAll(async () => {
    if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    await fake.close();
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it('migrates ./data/liaison.db, answers /start for an admin and refuses a stranger', async () => {
    expect(fs.existsSync(path.join(cwd, 'data', 'liaison.db'))).toBe(true);
    await fake.user(ADMIN, { firstName: 'Lan' }).command('start');
    const hello = await fake.waitFor({ method: 'sendMessage', chatId: ADMIN }, 20_000);
    expect(hello.params.text).toContain('Xin chào Lan');
    await fake.user(6_100_000_002, { firstName: 'Khách' }).command('start');
    const refusal = await fake.waitFor({ method: 'sendMessage', chatId: 6_100_000_002 }, 20_000);
    expect(refusal.params.text).toContain('chưa được cấp quyền');
  });

  it('stops cleanly on SIGTERM, logging no token', async () => {
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain('"msg":"stopped"');
    expect(proc.output()).not.toContain(fake.token.split(':')[1]!);
  }, 30_000);

  it('refuses to start without BOT_TOKEN, naming the variable', async () => {
    const p = startProcess(cwd, { TELEGRAM_API_ROOT: fake.apiRoot });
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain('BOT_TOKEN');
  }, 30_000);
});
