/**
 * Run the real live AWS collector against a local AWS wire-protocol server (aws-api-server.ts)
 * serving one account (111122223333, eu-central-1 unless told): explicit credentials, a 1 ms retry
 * delay, the scan time of the tests.
 */
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { collectAws, type AwsLiveOptions, type AwsLiveResult } from '../../src/collectors/aws-live/collect.ts';
import { startAwsApi, type FakeAws, type FakeAwsOptions } from './aws-api-server.ts';
import { FIXED_NOW } from './scan.ts';

export const TEST_ACCOUNT = '111122223333';

export async function collectFromFake(fake: Partial<FakeAwsOptions>, opts: Partial<AwsLiveOptions> = {}): Promise<{ result: AwsLiveResult; server: FakeAws }> {
  // Never fall through to the instance-metadata service.
  process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
  const server = await startAwsApi({ accountId: TEST_ACCOUNT, callerArn: `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/oobguard-audit/scan`, buckets: [], clusters: [], ...fake });
  try {
    const result = await collectAws({
      region: 'eu-central-1', endpoint: server.endpoint, now: FIXED_NOW, requestTimeoutMs: 5000,
      // Standard retry decisions (3 attempts), a 1 ms fixed delay.
      retryStrategy: new ConfiguredRetryStrategy(3, () => 1),
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      ...opts,
    });
    return { result, server };
  } finally {
    await server.close();
  }
}
