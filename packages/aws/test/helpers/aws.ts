/**
 * What the adapter tests share: moto_server for the whole file, a hermetic AWS environment with
 * per-test additions, HTTP doubles closed at the end, and reading an expected AwsCallError.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsCallError } from '@gatehouse/core';
import type { AwsCredentials } from '@gatehouse/core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startHttpDouble, startMotoServer } from '../../src/testing/index';
import type { HttpDouble, MotoServer } from '../../src/testing/index';
import { HERMETIC_AWS_ENV, setEnv } from './env';

/** moto_server, started before the file's first test and stopped after its last. */
export function useMotoServer(): MotoServer {
  let moto: MotoServer | undefined;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(async () => {
    await moto?.stop();
  });
  const started = (): MotoServer => {
    if (!moto) throw new Error('moto_server is only there from beforeAll on');
    return moto;
  };
  return {
    get endpoint() {
      return started().endpoint;
    },
    get port() {
      return started().port;
    },
    stop: () => started().stop(),
  };
}

/**
 * HERMETIC_AWS_ENV for the whole file; returns a function that sets endpoint (or other) variables
 * for one test, restored after it.
 */
export function useHermeticEnv(): (vars: Record<string, string | undefined>) => void {
  let restoreFile: (() => void) | undefined;
  let restoreTest: (() => void) | undefined;
  beforeAll(() => {
    restoreFile = setEnv(HERMETIC_AWS_ENV);
  });
  afterAll(() => restoreFile?.());
  afterEach(() => {
    restoreTest?.();
    restoreTest = undefined;
  });
  return (vars) => {
    restoreTest = setEnv(vars);
  };
}

/** Starts HTTP doubles for the file's tests; all are closed after the last test. */
export function useHttpDoubles(): (options?: Parameters<typeof startHttpDouble>[0]) => Promise<HttpDouble> {
  const doubles: HttpDouble[] = [];
  afterAll(async () => {
    await Promise.all(doubles.map((d) => d.close()));
  });
  return async (options = {}) => {
    const d = await startHttpDouble(options);
    doubles.push(d);
    return d;
  };
}

/** The AwsCallError a call must fail with. */
export async function failure(promise: Promise<unknown>): Promise<AwsCallError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AwsCallError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

/** SDK client settings for arranging things in moto directly (moto accepts any keys). */
export function setupClientConfig(endpoint: string) {
  return {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDSETUP', secretAccessKey: 'setup' },
  };
}

/** A session of `roleArn` straight from moto's STS (moto lets anyone assume anything). */
export async function assumeInMoto(
  endpoint: string,
  roleArn: string,
  roleSessionName: string,
): Promise<AwsCredentials> {
  const sts = new STSClient(setupClientConfig(endpoint));
  try {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: roleSessionName }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration)
      throw new Error('moto gave no credentials');
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  } finally {
    sts.destroy();
  }
}
