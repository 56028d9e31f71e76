/**
 * Paging of the live AWS collector against a server that loops: a page token it already answered
 * comes back. Every listing (the shared `paged` helper: EKS, and the KMS, Route 53 and S3
 * listings ported to it) must fail as a malformed answer — a coverage gap naming the listing, the
 * rules on it unknown — never end as if the listing were complete.
 */
import { describe, expect, it } from 'vitest';
import type { Scripted } from './helpers/aws-api-server.ts';
import { collectFromFake, TEST_ACCOUNT as ACCOUNT } from './helpers/aws-collect.ts';
import { scanFiles } from './helpers/scan.ts';

const R53 = 'xmlns="https://route53.amazonaws.com/doc/2013-04-01/"';
const LOOP = 'page-2-token';
/** The same page twice: the token of page 2 is answered again by page 2. */
const twice = (body: string): Scripted[] => [{ status: 200, code: '', body }, { status: 200, code: '', body }];

const KEY = { KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab', Arn: `arn:aws:kms:eu-central-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` };

describe('collectAws: a page token answered again fails the listing', () => {
  it('EKS, KMS, Route 53 and S3 listings that loop are gaps naming the listing, and their rules unknown', async () => {
    const { result, server } = await collectFromFake({
      clusters: [{ name: 'mm-oob', arn: `arn:aws:eks:eu-central-1:${ACCOUNT}:cluster/mm-oob`, version: '1.33' }],
      kmsKeys: [{ metadata: { ...KEY, KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', Enabled: true, KeyState: 'Enabled' }, rotation: { KeyRotationEnabled: true } }],
      zones: [{ id: 'Z0OOB', name: 'oob.example.com.', records: [] }],
      script: {
        'eks GET /clusters': twice(JSON.stringify({ clusters: ['mm-oob'], nextToken: LOOP })),
        'kms ListKeys': twice(JSON.stringify({ Keys: [{ KeyId: KEY.KeyId, KeyArn: KEY.Arn }], Truncated: true, NextMarker: LOOP })),
        's3 GET /': twice(`<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Buckets><Bucket><Name>oob-backups</Name></Bucket></Buckets><ContinuationToken>${LOOP}</ContinuationToken></ListAllMyBucketsResult>`),
        'route53 GET /2013-04-01/healthcheck': twice(`<ListHealthChecksResponse ${R53}><HealthChecks/><Marker/><IsTruncated>true</IsTruncated><NextMarker>${LOOP}</NextMarker><MaxItems>1</MaxItems></ListHealthChecksResponse>`),
        'route53 GET /2013-04-01/hostedzone/Z0OOB/rrset': twice(`<ListResourceRecordSetsResponse ${R53}><ResourceRecordSets/><IsTruncated>true</IsTruncated><NextRecordName>www.oob.example.com.</NextRecordName><NextRecordType>A</NextRecordType><MaxItems>2</MaxItems></ListResourceRecordSetsResponse>`),
      },
    });
    const malformed = 'MalformedResponse: page token repeated';
    expect(result.coverage.gaps.filter((g) => !g.collection.startsWith('aws.eks.') && !['aws.accountReferences', 'aws.ec2.launchTemplates'].includes(g.collection))).toEqual([
      { collection: 'aws.s3.buckets', scope: '', api: 'S3:ListBuckets', error: malformed, permission: 's3:ListAllMyBuckets' },
      { collection: 'aws.route53.records', scope: 'oob.example.com', api: 'Route53:ListResourceRecordSets Z0OOB', error: malformed, permission: 'route53:ListResourceRecordSets' },
      { collection: 'aws.route53.healthChecks', scope: '', api: 'Route53:ListHealthChecks', error: malformed, permission: 'route53:ListHealthChecks' },
      { collection: 'aws.kms.keys', scope: '', api: 'KMS:ListKeys', error: malformed, permission: 'kms:ListKeys' },
    ]);
    expect(result.coverage.gaps.find((g) => g.collection === 'aws.eks.clusters')).toEqual(
      { collection: 'aws.eks.clusters', scope: '', api: 'EKS:ListClusters', error: malformed, permission: 'eks:ListClusters' },
    );
    // Nothing of a listing that looped is kept as if it were all there is.
    expect([result.aws.s3.buckets, result.aws.kms.keys, result.aws.eks.clusters, result.aws.route53.records, result.aws.route53.healthChecks]).toEqual([[], [], [], [], []]);
    expect(result.aws.route53.zones[0]!.unknown?.['failoverRecords']).toBe(`Route53:ListResourceRecordSets of oob.example.com (Z0OOB) failed: ${malformed} — needs route53:ListResourceRecordSets`);
    // Two pages each, the second a failed call: no page asked a third time.
    for (const key of ['eks GET /clusters', 'kms ListKeys', 's3 GET /', 'route53 GET /2013-04-01/healthcheck', 'route53 GET /2013-04-01/hostedzone/Z0OOB/rrset']) {
      expect(server.requests.filter((r) => r.key === key).length, key).toBe(2);
    }
    expect(result.coverage.failedCalls).toBe(5);
    const { report } = await scanFiles({}, { liveResults: [result] });
    const statuses = (ruleId: string) => report.findings.filter((f) => f.ruleId === ruleId).map((f) => [f.status, f.reasons]);
    expect(statuses('OOB-SEC-003.kms')).toEqual([['unknown', [`KMS:ListKeys failed: ${malformed} — needs kms:ListKeys`]]]);
    expect(statuses('OOB-BKP-004.s3')).toEqual([['unknown', [`S3:ListBuckets failed: ${malformed} — needs s3:ListAllMyBuckets`]]]);
  });
});
