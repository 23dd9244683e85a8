import { describe, expect, it } from 'vitest';
import { startMotoServer } from '../src/testing/index';
import { setEnv } from './helpers/env';

describe('startMotoServer', () => {
  it('says how to install moto when moto_server is not on PATH', async () => {
    const restore = setEnv({ PATH: '/nonexistent-gatehouse-path' });
    try {
      await expect(startMotoServer()).rejects.toThrow("pip install 'moto[server]'");
    } finally {
      restore();
    }
  });

  it('starts on a free port, answers, and is gone after stop()', async () => {
    const moto = await startMotoServer();
    expect(moto.endpoint).toBe(`http://127.0.0.1:${moto.port}`);
    expect((await fetch(`${moto.endpoint}/moto-api/`)).ok).toBe(true);
    await moto.stop();
    await moto.stop(); // idempotent
    await expect(fetch(`${moto.endpoint}/moto-api/`)).rejects.toThrow();
  });
});
