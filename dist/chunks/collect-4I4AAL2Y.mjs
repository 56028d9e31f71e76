// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  keptAddonSettings,
  linkWebIdentity,
  load
} from "./chunk-C2CXI63K.mjs";
import {
  arnParts,
  parsePolicy
} from "./chunk-FWDKV6HJ.mjs";
import {
  Gate,
  call,
  callOrAbsent,
  mapBounded,
  paged,
  pagedUpTo,
  withGate
} from "./chunk-DICZ7VKL.mjs";
import {
  setUnknown
} from "./chunk-2VD4TAJ7.mjs";
import "./chunk-NG5CMEQM.mjs";

// src/collectors/aws-live/collect.ts
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { EC2Client } from "@aws-sdk/client-ec2";
import { EKSClient } from "@aws-sdk/client-eks";
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { RDSClient } from "@aws-sdk/client-rds";
import { Route53Client } from "@aws-sdk/client-route-53";
import { S3Client } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromIni, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";

// src/collectors/aws-live/cloudtrail.ts
import { DescribeTrailsCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";

// src/collectors/aws-live/permissions.ts
var AWS_API_PERMISSIONS = {
  "STS:GetCallerIdentity": null,
  "S3:ListBuckets": "s3:ListAllMyBuckets",
  "S3:GetBucketLocation": "s3:GetBucketLocation",
  "S3:GetBucketVersioning": "s3:GetBucketVersioning",
  "S3:GetBucketEncryption": "s3:GetEncryptionConfiguration",
  "S3:GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
  "S3:GetBucketPolicy": "s3:GetBucketPolicy",
  "S3:GetBucketReplication": "s3:GetReplicationConfiguration",
  "S3:GetObjectLockConfiguration": "s3:GetBucketObjectLockConfiguration",
  "S3:GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
  "S3:GetBucketLogging": "s3:GetBucketLogging",
  "EKS:ListClusters": "eks:ListClusters",
  "EKS:DescribeCluster": "eks:DescribeCluster",
  "Route53:ListHostedZones": "route53:ListHostedZones",
  "Route53:ListResourceRecordSets": "route53:ListResourceRecordSets",
  "Route53:ListHealthChecks": "route53:ListHealthChecks",
  "Route53:GetHealthCheckStatus": "route53:GetHealthCheckStatus",
  "RDS:DescribeDBClusters": "rds:DescribeDBClusters",
  "RDS:DescribeDBInstances": "rds:DescribeDBInstances",
  "RDS:DescribeDBClusterParameters": "rds:DescribeDBClusterParameters",
  "CloudTrail:DescribeTrails": "cloudtrail:DescribeTrails",
  "CloudTrail:GetTrailStatus": "cloudtrail:GetTrailStatus",
  "KMS:ListKeys": "kms:ListKeys",
  "KMS:DescribeKey": "kms:DescribeKey",
  "KMS:GetKeyRotationStatus": "kms:GetKeyRotationStatus",
  "IAM:GetAccountAuthorizationDetails": "iam:GetAccountAuthorizationDetails",
  "IAM:GetAccountSummary": "iam:GetAccountSummary",
  "IAM:GetLoginProfile": "iam:GetLoginProfile",
  "IAM:ListAccessKeys": "iam:ListAccessKeys",
  "IAM:GetAccessKeyLastUsed": "iam:GetAccessKeyLastUsed",
  "IAM:ListMFADevices": "iam:ListMFADevices",
  "IAM:ListOpenIDConnectProviders": "iam:ListOpenIDConnectProviders",
  "IAM:GetOpenIDConnectProvider": "iam:GetOpenIDConnectProvider",
  // EKS add-ons, node groups, access entries; EC2; Organizations; drill evidence (CloudTrail, RDS).
  "EKS:ListAddons": "eks:ListAddons",
  "EKS:DescribeAddon": "eks:DescribeAddon",
  "EKS:ListNodegroups": "eks:ListNodegroups",
  "EKS:DescribeNodegroup": "eks:DescribeNodegroup",
  "EKS:ListAccessEntries": "eks:ListAccessEntries",
  "EKS:DescribeAccessEntry": "eks:DescribeAccessEntry",
  "EKS:ListAssociatedAccessPolicies": "eks:ListAssociatedAccessPolicies",
  "EC2:DescribeLaunchTemplateVersions": "ec2:DescribeLaunchTemplateVersions",
  "EC2:DescribeVpcPeeringConnections": "ec2:DescribeVpcPeeringConnections",
  "EC2:DescribeTransitGatewayAttachments": "ec2:DescribeTransitGatewayAttachments",
  "Organizations:DescribeOrganization": "organizations:DescribeOrganization",
  "CloudTrail:LookupEvents": "cloudtrail:LookupEvents",
  "RDS:DescribeDBClusterSnapshots": "rds:DescribeDBClusterSnapshots"
};
function permissionOf(api) {
  return AWS_API_PERMISSIONS[api] ?? "valid AWS credentials (sts:GetCallerIdentity needs no IAM permission)";
}

// src/collectors/aws-live/common.ts
function liveBase(scope, kind, name, arn, tags = {}) {
  return {
    id: `aws/${arn}`,
    kind,
    name,
    source: { file: `oobguard-live/aws/${scope.accountId}`, line: 1, ref: arn },
    address: "",
    resourceId: arn,
    providerKey: "aws",
    origin: "live",
    module: "",
    tags
  };
}
function tagsOf(tags) {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
}
function gap(collection, scope, api, error, what = scope) {
  return { collection, scope, api: what === "" ? api : `${api} ${what}`, error, permission: permissionOf(api) };
}
function failedBecause(api, what, error) {
  return `${what === "" ? api : `${api} ${what}`} failed: ${error} \u2014 needs ${permissionOf(api)}`;
}
function carried(gaps, from, to) {
  return gaps.filter((g) => g.collection === from).map((g) => ({ ...g, collection: to }));
}

// src/collectors/aws-live/cloudtrail.ts
var CLOUDTRAIL_COLLECTION = "aws.cloudtrail.trails";
function accountOfArn(arn) {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1] ?? "";
}
function trailOf(t, scope) {
  const name = t.Name ?? "";
  const region = t.HomeRegion ?? scope.region;
  const arn = t.TrailARN ?? `arn:${scope.partition}:cloudtrail:${region}:${scope.accountId}:trail/${name}`;
  return {
    ...liveBase(scope, "CloudTrailTrail", name, arn),
    kind: "CloudTrailTrail",
    region,
    accountIds: [accountOfArn(arn) || scope.accountId],
    s3BucketName: t.S3BucketName ?? "",
    s3KeyPrefix: t.S3KeyPrefix ?? "",
    isMultiRegionTrail: t.IsMultiRegionTrail === true,
    logFileValidationEnabled: t.LogFileValidationEnabled === true,
    kmsKeyId: t.KmsKeyId ?? "",
    kmsKeyManager: "",
    includeGlobalServiceEvents: t.IncludeGlobalServiceEvents === true,
    isLogging: false,
    isOrganizationTrail: t.IsOrganizationTrail === true,
    cloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn ?? "",
    s3BucketAccountIds: []
  };
}
async function collectCloudTrail(ct, scope, counter, concurrency, claimed = /* @__PURE__ */ new Set()) {
  const list = await call(counter, () => ct.send(new DescribeTrailsCommand({ includeShadowTrails: true })));
  if (!list.ok) return { trails: [], gaps: [gap(CLOUDTRAIL_COLLECTION, "", "CloudTrail:DescribeTrails", list.error)] };
  const mine = (list.value.trailList ?? []).map((t) => trailOf(t, scope)).filter((o) => !claimed.has(o.resourceId));
  for (const o of mine) claimed.add(o.resourceId);
  const trails = await mapBounded(mine, concurrency, async (o) => {
    const status = await call(counter, () => ct.send(new GetTrailStatusCommand({ Name: o.resourceId })));
    if (status.ok) o.isLogging = status.value.IsLogging === true;
    else setUnknown(o, "isLogging", failedBecause("CloudTrail:GetTrailStatus", o.name, status.error));
    return o;
  });
  return { trails, gaps: [] };
}

// src/collectors/aws-live/drills.ts
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { DescribeDBClusterSnapshotsCommand } from "@aws-sdk/client-rds";

// src/collectors/aws-live/route53.ts
import {
  GetHealthCheckStatusCommand,
  ListHealthChecksCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand
} from "@aws-sdk/client-route-53";
var ROUTE53_COLLECTIONS = ["aws.route53.zones", "aws.route53.records", "aws.route53.healthChecks"];
function dnsName(s) {
  return s.replace(/\\(\d{3})/g, (_m, o) => String.fromCharCode(parseInt(o, 8))).trim().toLowerCase().replace(/\.$/, "").replace(/^dualstack\./, "");
}
function zoneIdOf(id) {
  return id.replace(/^\/hostedzone\//, "");
}
function recordOf(r, zone, scope) {
  const name = dnsName(r.Name ?? "");
  const type = (r.Type ?? "").toUpperCase();
  const setIdentifier = r.SetIdentifier ?? "";
  const arn = `arn:${scope.partition}:route53:::hostedzone/${zone.hostedZoneId}/recordset/${name}/${type}${setIdentifier ? `/${setIdentifier}` : ""}`;
  const alias = r.AliasTarget;
  const values = (r.ResourceRecords ?? []).map((v) => v.Value ?? "");
  return {
    ...liveBase(scope, "Route53Record", name, arn),
    kind: "Route53Record",
    region: scope.region,
    accountIds: [scope.accountId],
    name,
    type,
    hostedZoneId: zone.hostedZoneId,
    zoneName: zone.name,
    setIdentifier,
    failover: (r.Failover ?? "").toUpperCase(),
    ttl: alias ? null : r.TTL ?? null,
    resourceRecords: values,
    aliasTarget: alias ? { dnsName: dnsName(alias.DNSName ?? ""), hostedZoneId: alias.HostedZoneId ?? "", evaluateTargetHealth: alias.EvaluateTargetHealth === true } : null,
    healthCheckId: r.HealthCheckId ?? "",
    targets: alias ? [dnsName(alias.DNSName ?? "")].filter(Boolean) : values.map(dnsName),
    failoverPartner: "",
    // Filled from CloudTrail by drills.ts (collect.ts).
    failoverDrills: []
  };
}
function healthCheckOf(h, scope) {
  const c = h.HealthCheckConfig;
  const id = h.Id ?? "";
  const type = (c?.Type ?? "").toUpperCase();
  const https = type === "HTTPS" || type === "HTTPS_STR_MATCH";
  const http = type === "HTTP" || type === "HTTP_STR_MATCH";
  const fqdn = dnsName(c?.FullyQualifiedDomainName ?? "");
  const ip = c?.IPAddress ?? "";
  return {
    ...liveBase(scope, "Route53HealthCheck", fqdn || ip || id, `arn:${scope.partition}:route53:::healthcheck/${id}`),
    kind: "Route53HealthCheck",
    region: scope.region,
    accountIds: [scope.accountId],
    healthCheckId: id,
    type,
    fullyQualifiedDomainName: fqdn,
    ipAddress: ip,
    port: c?.Port ?? (https ? 443 : http ? 80 : null),
    resourcePath: c?.ResourcePath ?? "",
    searchString: c?.SearchString ?? "",
    requestInterval: c?.RequestInterval ?? 30,
    failureThreshold: c?.FailureThreshold ?? 3,
    disabled: c?.Disabled === true,
    inverted: c?.Inverted === true,
    enableSNI: c?.EnableSNI ?? https,
    regions: c?.Regions ?? [],
    childHealthChecks: c?.ChildHealthChecks ?? [],
    childHealthThreshold: c?.HealthThreshold ?? null,
    usedByRecords: [],
    observedStatus: null
  };
}
var HEALTHY_SHARE = 0.18;
async function readStatus(r53, h, counter) {
  const got = await call(counter, () => r53.send(new GetHealthCheckStatusCommand({ HealthCheckId: h.healthCheckId })));
  if (!got.ok) {
    setUnknown(h, "observedStatus", failedBecause("Route53:GetHealthCheckStatus", `of health check ${h.healthCheckId}`, got.error));
    return;
  }
  const reports = (got.value.HealthCheckObservations ?? []).map((o) => o.StatusReport).filter((r) => r !== void 0);
  const healthy = reports.filter((r) => /^success/i.test(r.Status ?? "")).length;
  const times = reports.map((r) => r.CheckedTime instanceof Date ? r.CheckedTime.getTime() : NaN).filter((t) => !Number.isNaN(t));
  h.observedStatus = {
    healthy: reports.length > 0 && healthy / reports.length > HEALTHY_SHARE,
    checkersHealthy: healthy,
    checkersReporting: reports.length,
    lastCheckedAt: times.length > 0 ? new Date(Math.max(...times)).toISOString() : ""
  };
}
function join(zones, records, healthChecks) {
  for (const rec of records) {
    if (rec.failover !== "PRIMARY" && rec.failover !== "SECONDARY") continue;
    const opposite = rec.failover === "PRIMARY" ? "SECONDARY" : "PRIMARY";
    const partner = records.find((x) => x !== rec && x.failover === opposite && x.hostedZoneId === rec.hostedZoneId && x.name === rec.name && x.type === rec.type);
    if (partner) rec.failoverPartner = partner.setIdentifier;
  }
  for (const rec of records) {
    if (rec.healthCheckId === "") continue;
    const hc = healthChecks.find((h) => h.healthCheckId === rec.healthCheckId);
    if (hc) hc.usedByRecords.push(rec.setIdentifier ? `${rec.name} (${rec.setIdentifier})` : rec.name);
  }
  for (const z of zones) {
    z.failoverRecords = [...new Set(records.filter((r) => r.hostedZoneId === z.hostedZoneId && r.failover !== "").map((r) => r.name))];
  }
}
async function collectRoute53(r53, scope, counter, concurrency) {
  const gaps = [];
  const [listedZones, listedChecks] = await Promise.all([
    paged(counter, async (Marker) => {
      const p = await r53.send(new ListHostedZonesCommand(Marker === void 0 ? {} : { Marker }));
      return { items: p.HostedZones ?? [], next: p.IsTruncated === true ? p.NextMarker : void 0 };
    }),
    paged(counter, async (Marker) => {
      const p = await r53.send(new ListHealthChecksCommand(Marker === void 0 ? {} : { Marker }));
      return { items: p.HealthChecks ?? [], next: p.IsTruncated === true ? p.NextMarker : void 0 };
    })
  ]);
  if (!listedZones.ok) {
    for (const collection of ["aws.route53.zones", "aws.route53.records"]) gaps.push(gap(collection, "", "Route53:ListHostedZones", listedZones.error));
  }
  const zones = (listedZones.ok ? listedZones.value : []).map((z) => {
    const id = zoneIdOf(z.Id ?? "");
    const name = dnsName(z.Name ?? "");
    return {
      ...liveBase(scope, "Route53HostedZone", name, `arn:${scope.partition}:route53:::hostedzone/${id}`),
      kind: "Route53HostedZone",
      region: scope.region,
      accountIds: [scope.accountId],
      name,
      hostedZoneId: id,
      privateZone: z.Config?.PrivateZone === true,
      managed: true,
      failoverRecords: []
    };
  });
  const perZone = await mapBounded(zones, concurrency, async (zone) => {
    const page = await paged(counter, async (token) => {
      const start = token === void 0 ? {} : JSON.parse(token);
      const v = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone.hostedZoneId, ...start }));
      const next = v.IsTruncated === true && v.NextRecordName ? { StartRecordName: v.NextRecordName, ...v.NextRecordType ? { StartRecordType: v.NextRecordType } : {}, ...v.NextRecordIdentifier ? { StartRecordIdentifier: v.NextRecordIdentifier } : {} } : void 0;
      return { items: v.ResourceRecordSets ?? [], next: next === void 0 ? void 0 : JSON.stringify(next) };
    });
    if (!page.ok) {
      gaps.push(gap("aws.route53.records", zone.name, "Route53:ListResourceRecordSets", page.error, zone.hostedZoneId));
      setUnknown(zone, "failoverRecords", failedBecause("Route53:ListResourceRecordSets", `of ${zone.name} (${zone.hostedZoneId})`, page.error));
      return [];
    }
    return page.value.map((r) => recordOf(r, zone, scope));
  });
  const records = perZone.flat();
  if (!listedChecks.ok) gaps.push(gap("aws.route53.healthChecks", "", "Route53:ListHealthChecks", listedChecks.error));
  const healthChecks = (listedChecks.ok ? listedChecks.value : []).map((h) => healthCheckOf(h, scope));
  await mapBounded(healthChecks.filter((h) => h.type !== "CALCULATED"), concurrency, (h) => readStatus(r53, h, counter));
  join(zones, records, healthChecks);
  return { zones, records, healthChecks, gaps };
}

// src/collectors/aws-live/drills.ts
var EVENT_HISTORY_DAYS = 90;
var MAX_PAGES = 20;
function obj(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? v : {};
}
function text(v) {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}
function parse(e) {
  let record;
  try {
    record = obj(JSON.parse(e.CloudTrailEvent ?? "{}"));
  } catch {
    return null;
  }
  if (text(record["errorCode"]) !== "") return null;
  return {
    event: { eventName: e.EventName ?? "", eventTime: e.EventTime?.toISOString() ?? "", eventId: e.EventId ?? "", username: e.Username ?? "", detail: "" },
    request: obj(record["requestParameters"])
  };
}
async function lookupAll(ct, counter, names, now) {
  const out = [];
  for (const name of names) {
    const r = await pagedUpTo(counter, MAX_PAGES, async (NextToken) => {
      const p = await ct.send(new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: name }],
        StartTime: new Date(now.getTime() - EVENT_HISTORY_DAYS * 864e5),
        EndTime: now,
        MaxResults: 50,
        ...NextToken === void 0 ? {} : { NextToken }
      }));
      return { items: p.Events ?? [], next: p.NextToken };
    });
    if (!r.ok) out.push({ name, events: [], problem: failedBecause("CloudTrail:LookupEvents", name, r.error) });
    else {
      out.push({
        name,
        events: r.value.items.map(parse).filter((p) => p !== null),
        problem: r.value.truncated ? `more than ${MAX_PAGES * 50} ${name} events in CloudTrail's last ${EVENT_HISTORY_DAYS} days; the older ones were not read` : null
      });
    }
  }
  return out;
}
function newestFirst(a, b) {
  return a.eventTime < b.eventTime ? 1 : a.eventTime > b.eventTime ? -1 : 0;
}
function attach(objects, field, evidence, problems, set) {
  for (const o of objects) {
    const found = evidence(o).sort(newestFirst);
    set(o, found);
    if (found.length === 0 && problems.length > 0) (o.unknown ??= {})[field] = problems.join("; ");
  }
}
function clusterIdOf(s) {
  return s.replace(/^arn:[^:]+:rds:[^:]*:\d*:cluster:/, "").toLowerCase();
}
var AUTOMATED_SNAPSHOT = /^rds:(.+)-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}$/;
async function collectRestoreDrills(ct, rds, counter, concurrency, clusters, now) {
  if (clusters.length === 0) return;
  const [pitr, fromSnapshot] = await lookupAll(ct, counter, ["RestoreDBClusterToPointInTime", "RestoreDBClusterFromSnapshot"], now);
  const problems = [pitr, fromSnapshot].flatMap((l) => l.problem === null ? [] : [l.problem]);
  const bySource = /* @__PURE__ */ new Map();
  const add = (source, e) => {
    bySource.set(source, [...bySource.get(source) ?? [], e]);
  };
  for (const { event, request } of pitr.events) {
    const target = text(request["dBClusterIdentifier"]);
    const when = text(request["restoreToTime"]) || (request["useLatestRestorableTime"] === true ? "the latest restorable time" : "");
    add(clusterIdOf(text(request["sourceDBClusterIdentifier"])), { ...event, detail: `point-in-time restore to ${target || "(no name)"}${when ? ` at ${when}` : ""}` });
  }
  const snapshotOf = (p) => text(p.request["snapshotIdentifier"]).replace(/^arn:[^:]+:rds:[^:]*:\d*:cluster-snapshot:/, "");
  const unnamed = [...new Set(fromSnapshot.events.map(snapshotOf).filter((s) => s !== "" && !AUTOMATED_SNAPSHOT.test(s)))];
  const owners = /* @__PURE__ */ new Map();
  await mapBounded(unnamed, concurrency, async (id) => {
    const r = await callOrAbsent(counter, ["DBClusterSnapshotNotFoundFault"], () => rds.send(new DescribeDBClusterSnapshotsCommand({ DBClusterSnapshotIdentifier: id })));
    const owner = r.ok ? r.value?.DBClusterSnapshots?.[0]?.DBClusterIdentifier ?? "" : "";
    if (owner !== "") owners.set(id, owner.toLowerCase());
    else problems.push(r.ok ? `a restore from snapshot ${id}, which no longer exists, may have been of any cluster` : failedBecause("RDS:DescribeDBClusterSnapshots", id, r.error));
  });
  for (const p of fromSnapshot.events) {
    const snap = snapshotOf(p);
    const source = AUTOMATED_SNAPSHOT.exec(snap)?.[1]?.toLowerCase() ?? owners.get(snap);
    if (source !== void 0) add(source, { ...p.event, detail: `restore of snapshot ${snap} to ${text(p.request["dBClusterIdentifier"]) || "(no name)"}` });
  }
  attach(clusters, "restoreDrills", (c) => [...bySource.get(c.dbClusterIdentifier.toLowerCase()) ?? []], problems, (c, e) => {
    c.restoreDrills = e;
  });
}
async function collectFailoverDrills(ct, counter, records, now) {
  const failover = records.filter((r) => r.failover !== "");
  if (failover.length === 0) return;
  const [health, changes] = await lookupAll(ct, counter, ["UpdateHealthCheck", "ChangeResourceRecordSets"], now);
  const problems = [health, changes].flatMap((l) => l.problem === null ? [] : [l.problem]);
  const evidence = /* @__PURE__ */ new Map();
  const add = (r, e) => {
    evidence.set(r, [...evidence.get(r) ?? [], e]);
  };
  for (const { event, request } of health.events) {
    const toggles = ["inverted", "disabled"].filter((k) => k in request).map((k) => `${k}=${text(request[k])}`);
    if (toggles.length === 0) continue;
    const id = text(request["healthCheckId"]);
    for (const r of failover) if (r.healthCheckId !== "" && r.healthCheckId === id) add(r, { ...event, detail: `health check ${id}: ${toggles.join(", ")}` });
  }
  for (const { event, request } of changes.events) {
    const zone = text(request["hostedZoneId"]).replace(/^\/hostedzone\//, "");
    for (const ch of Array.isArray(obj(request["changeBatch"])["changes"]) ? obj(request["changeBatch"])["changes"] : []) {
      const set = obj(obj(ch)["resourceRecordSet"]);
      const name = dnsName(text(set["name"]));
      const type = text(set["type"]).toUpperCase();
      for (const r of failover) {
        if (r.hostedZoneId !== zone || r.name !== name || r.type !== type || evidence.get(r)?.some((x) => x.eventId === event.eventId)) continue;
        add(r, { ...event, detail: `${text(obj(ch)["action"])} ${name} ${type}${text(set["setIdentifier"]) ? ` (${text(set["setIdentifier"])})` : ""} in zone ${zone}` });
      }
    }
  }
  attach(failover, "failoverDrills", (r) => [...evidence.get(r) ?? []], problems, (r, e) => {
    r.failoverDrills = e;
  });
}

// src/collectors/aws-live/ec2.ts
import {
  DescribeLaunchTemplateVersionsCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeVpcPeeringConnectionsCommand
} from "@aws-sdk/client-ec2";
var EC2_COLLECTIONS = ["aws.ec2.launchTemplates", "aws.ec2.vpcPeerings", "aws.ec2.transitGatewayAttachments"];
var [TEMPLATES, PEERINGS, TGW] = EC2_COLLECTIONS;
var PAGE = 1e3;
var DEAD_PEERING = /* @__PURE__ */ new Set(["deleted", "deleting", "rejected", "failed", "expired"]);
var DEAD_ATTACHMENT = /* @__PURE__ */ new Set(["deleted", "deleting", "failed", "failing", "rejected", "rejecting"]);
function templateOf(v, scope) {
  const id = v.LaunchTemplateId ?? "";
  const name = v.LaunchTemplateName ?? id;
  const version = String(v.VersionNumber ?? "");
  const md = v.LaunchTemplateData?.MetadataOptions;
  const arn = `arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:launch-template/${id}`;
  return {
    ...liveBase(scope, "Ec2LaunchTemplate", `${name} (version ${version})`, arn),
    id: `aws/${arn}#${version}`,
    kind: "Ec2LaunchTemplate",
    region: scope.region,
    accountIds: [scope.accountId],
    launchTemplateName: name,
    imageId: v.LaunchTemplateData?.ImageId ?? "",
    metadataOptions: {
      httpEndpoint: md?.HttpEndpoint ?? "enabled",
      // Not set: "" as in Terraform (EC2 then requires IMDSv2 only for AMIs that ask for it).
      httpTokens: md?.HttpTokens ?? "",
      httpPutResponseHopLimit: md?.HttpPutResponseHopLimit ?? 1,
      instanceMetadataTags: md?.InstanceMetadataTags ?? "disabled"
    },
    nodeGroups: []
  };
}
async function collectLaunchTemplates(ec2, scope, counter, concurrency, nodeGroups, nodeGroupGaps) {
  const wanted = /* @__PURE__ */ new Map();
  for (const n of nodeGroups) {
    const lt = n.launchTemplate;
    if (!lt || lt.id === "" && lt.name === "") continue;
    const key = lt.id || lt.name;
    const w = wanted.get(key) ?? { byId: lt.id !== "", versions: /* @__PURE__ */ new Set() };
    w.versions.add(lt.version || "$Default");
    wanted.set(key, w);
  }
  const gaps = carried(nodeGroupGaps, "aws.eks.nodeGroups", TEMPLATES);
  const found = await mapBounded([...wanted], concurrency, async ([key, w]) => {
    const r = await paged(counter, async (NextToken) => {
      const p = await ec2.send(new DescribeLaunchTemplateVersionsCommand({
        ...w.byId ? { LaunchTemplateId: key } : { LaunchTemplateName: key },
        Versions: [...w.versions],
        ...NextToken === void 0 ? {} : { NextToken }
      }));
      return { items: p.LaunchTemplateVersions ?? [], next: p.NextToken };
    });
    if (!r.ok) {
      gaps.push(gap(TEMPLATES, key, "EC2:DescribeLaunchTemplateVersions", r.error));
      return [];
    }
    return r.value.map((v) => ({ v, o: templateOf(v, scope) }));
  });
  const launchTemplates = [];
  for (const versions of found) {
    const latest = Math.max(...versions.map(({ v }) => v.VersionNumber ?? 0));
    for (const { v, o } of versions) {
      launchTemplates.push(o);
      for (const n of nodeGroups) {
        const lt = n.launchTemplate;
        if (!lt || !(lt.id !== "" && lt.id === v.LaunchTemplateId || lt.id === "" && lt.name === v.LaunchTemplateName)) continue;
        const version = lt.version || "$Default";
        const hit = version === String(v.VersionNumber) || version === "$Default" && v.DefaultVersion === true || version === "$Latest" && v.VersionNumber === latest;
        if (!hit) continue;
        lt.template = o.id;
        lt.id ||= v.LaunchTemplateId ?? "";
        lt.name ||= v.LaunchTemplateName ?? "";
        o.nodeGroups.push(n.id);
      }
    }
  }
  return { launchTemplates, gaps };
}
function peeringOf(p, scope) {
  const req = p.RequesterVpcInfo ?? {};
  const acc = p.AccepterVpcInfo ?? {};
  const requester = req.OwnerId === scope.accountId && (req.Region ?? scope.region) === scope.region;
  const [own, other] = requester ? [req, acc] : [acc, req];
  const id = p.VpcPeeringConnectionId ?? "";
  return {
    ...liveBase(scope, "Ec2VpcPeering", id, `arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:vpc-peering-connection/${id}`, tagsOf(p.Tags)),
    kind: "Ec2VpcPeering",
    region: scope.region,
    accountIds: [scope.accountId],
    side: requester ? "requester" : "accepter",
    vpcId: own.VpcId ?? "",
    peerVpcId: other.VpcId ?? "",
    peerOwnerId: other.OwnerId ?? "",
    sameAccount: req.OwnerId !== void 0 && req.OwnerId === acc.OwnerId,
    peerRegion: other.Region ?? scope.region
  };
}
function attachmentOf(a, scope) {
  const id = a.TransitGatewayAttachmentId ?? "";
  const peering = a.ResourceType === "peering" || a.ResourceType === "tgw-peering";
  return {
    ...liveBase(scope, "Ec2TransitGatewayAttachment", id, `arn:${scope.partition}:ec2:${scope.region}:${a.TransitGatewayOwnerId ?? scope.accountId}:transit-gateway-attachment/${id}`, tagsOf(a.Tags)),
    kind: "Ec2TransitGatewayAttachment",
    region: scope.region,
    accountIds: [scope.accountId],
    resourceType: peering ? "peering" : "vpc",
    transitGatewayId: a.TransitGatewayId ?? "",
    transitGatewayOwnerId: a.TransitGatewayOwnerId ?? "",
    peerAccountId: peering ? a.ResourceOwnerId ?? "" : "",
    vpcId: peering ? "" : a.ResourceId ?? "",
    vpcOwnerId: peering ? "" : a.ResourceOwnerId ?? ""
  };
}
async function collectEc2Network(ec2, scope, counter) {
  const [pcx, tgw] = await Promise.all([
    paged(counter, async (NextToken) => {
      const r = await ec2.send(new DescribeVpcPeeringConnectionsCommand({ MaxResults: PAGE, ...NextToken === void 0 ? {} : { NextToken } }));
      return { items: r.VpcPeeringConnections ?? [], next: r.NextToken };
    }),
    paged(counter, async (NextToken) => {
      const r = await ec2.send(new DescribeTransitGatewayAttachmentsCommand({ MaxResults: PAGE, ...NextToken === void 0 ? {} : { NextToken } }));
      return { items: r.TransitGatewayAttachments ?? [], next: r.NextToken };
    })
  ]);
  const gaps = [];
  if (!pcx.ok) gaps.push(gap(PEERINGS, "", "EC2:DescribeVpcPeeringConnections", pcx.error));
  if (!tgw.ok) gaps.push(gap(TGW, "", "EC2:DescribeTransitGatewayAttachments", tgw.error));
  return {
    vpcPeerings: (pcx.ok ? pcx.value : []).filter((p) => !DEAD_PEERING.has(p.Status?.Code ?? "")).map((p) => peeringOf(p, scope)),
    transitGatewayAttachments: (tgw.ok ? tgw.value : []).filter((a) => !DEAD_ATTACHMENT.has(a.State ?? "") && ["vpc", "peering", "tgw-peering"].includes(a.ResourceType ?? "")).map((a) => attachmentOf(a, scope)),
    gaps
  };
}

// src/collectors/aws-live/eks.ts
import { DescribeClusterCommand, ListClustersCommand } from "@aws-sdk/client-eks";
var EKS_COLLECTION = "aws.eks.clusters";
function enabledLogTypes(c) {
  const out = /* @__PURE__ */ new Set();
  for (const g of c.logging?.clusterLogging ?? []) if (g.enabled === true) for (const t of g.types ?? []) out.add(t);
  return [...out];
}
function toModel(c, scope) {
  const name = c.name ?? "";
  const arn = c.arn ?? `arn:${scope.partition}:eks:${scope.region}:${scope.accountId}:cluster/${name}`;
  const vpc = c.resourcesVpcConfig ?? {};
  const o = {
    ...liveBase(scope, "EksCluster", name, arn, { ...c.tags ?? {} }),
    kind: "EksCluster",
    region: scope.region,
    accountIds: [scope.accountId],
    name,
    arn,
    version: c.version ?? "",
    platformVersion: c.platformVersion ?? "",
    resourcesVpcConfig: {
      endpointPublicAccess: vpc.endpointPublicAccess ?? true,
      endpointPrivateAccess: vpc.endpointPrivateAccess ?? false,
      publicAccessCidrs: vpc.publicAccessCidrs ?? ["0.0.0.0/0"],
      securityGroupIds: vpc.securityGroupIds ?? [],
      subnetIds: vpc.subnetIds ?? []
    },
    enabledLogTypes: enabledLogTypes(c),
    encryptionConfig: (c.encryptionConfig ?? []).map((e) => ({ resources: e.resources ?? [], provider: { keyArn: e.provider?.keyArn ?? "" } })),
    accessConfig: {
      authenticationMode: c.accessConfig?.authenticationMode ?? "CONFIG_MAP",
      bootstrapClusterCreatorAdminPermissions: c.accessConfig?.bootstrapClusterCreatorAdminPermissions ?? true
    },
    oidcIssuer: c.identity?.oidc?.issuer ?? "",
    upgradePolicy: { supportType: c.upgradePolicy?.supportType ?? "EXTENDED" },
    addons: [],
    networkPolicyEnforcers: []
  };
  const unknown = (path, reason) => {
    (o.unknown ??= {})[path] = reason;
  };
  if (o.version === "") unknown("version", `EKS:DescribeCluster returned no version for ${name}`);
  if (o.oidcIssuer === "") unknown("oidcIssuer", `EKS:DescribeCluster returned no OIDC issuer for ${name}`);
  return o;
}
async function collectEks(eks, scope, counter, concurrency) {
  const list = await paged(counter, async (nextToken) => {
    const r = await eks.send(new ListClustersCommand(nextToken === void 0 ? {} : { nextToken }));
    return { items: r.clusters ?? [], next: r.nextToken };
  });
  if (!list.ok) return { clusters: [], gaps: [gap(EKS_COLLECTION, "", "EKS:ListClusters", list.error)] };
  const names = list.value;
  const gaps = [];
  const described = await mapBounded(names, concurrency, async (name) => {
    const r = await call(counter, () => eks.send(new DescribeClusterCommand({ name })));
    if (!r.ok || r.value.cluster === void 0) {
      gaps.push(gap(EKS_COLLECTION, name, "EKS:DescribeCluster", r.ok ? "no cluster in the response" : r.error));
      return null;
    }
    return toModel(r.value.cluster, scope);
  });
  return { clusters: described.filter((c) => c !== null), gaps };
}

// src/collectors/aws-live/eks-extras.ts
import {
  DescribeAccessEntryCommand,
  DescribeAddonCommand,
  DescribeNodegroupCommand,
  ListAccessEntriesCommand,
  ListAddonsCommand,
  ListAssociatedAccessPoliciesCommand,
  ListNodegroupsCommand
} from "@aws-sdk/client-eks";
var EKS_EXTRA_COLLECTIONS = ["aws.eks.addons", "aws.eks.nodeGroups", "aws.eks.accessEntries", "aws.eks.accessPolicyAssociations", "aws.accountReferences"];
var [ADDONS, NODE_GROUPS, ENTRIES, ASSOCIATIONS, REFERENCES] = EKS_EXTRA_COLLECTIONS;
function parseConfigurationValues(text2) {
  if (text2 === void 0 || text2.trim() === "") return null;
  let v;
  try {
    v = JSON.parse(text2);
  } catch {
    try {
      v = load(text2);
    } catch {
      return "bad";
    }
  }
  return v !== null && typeof v === "object" && !Array.isArray(v) ? v : "bad";
}
function addonOf(a, c, scope) {
  const name = a.addonName ?? "";
  const arn = a.addonArn ?? `${c.arn.replace(":cluster/", ":addon/")}/${name}`;
  const parsed = parseConfigurationValues(a.configurationValues);
  const o = {
    ...liveBase(scope, "EksAddon", `${c.name}/${name}`, arn, { ...a.tags ?? {} }),
    kind: "EksAddon",
    region: scope.region,
    accountIds: [scope.accountId],
    addonName: name,
    clusterName: c.name,
    cluster: c.id,
    addonVersion: a.addonVersion ?? "",
    // Only the settings rules read: never the rest (credentials of marketplace add-ons).
    configurationValues: parsed === "bad" ? null : keptAddonSettings(name, parsed),
    serviceAccountRoleArn: a.serviceAccountRoleArn ?? ""
  };
  if (parsed === "bad") setUnknown(o, "configurationValues", `EKS add-on ${c.name}/${name}: configurationValues is neither a JSON nor a YAML object`);
  return o;
}
function nodeGroupOf(n, c, scope) {
  const name = n.nodegroupName ?? "";
  const arn = n.nodegroupArn ?? `${c.arn.replace(":cluster/", ":nodegroup/")}/${name}`;
  const lt = n.launchTemplate;
  const o = {
    ...liveBase(scope, "EksNodeGroup", `${c.name}/${name}`, arn, { ...n.tags ?? {} }),
    kind: "EksNodeGroup",
    region: scope.region,
    accountIds: [scope.accountId],
    nodegroupName: name,
    clusterName: c.name,
    cluster: c.id,
    amiType: n.amiType ?? "",
    version: n.version ?? c.version,
    remoteAccess: n.remoteAccess ? { ec2SshKey: n.remoteAccess.ec2SshKey ?? "", sourceSecurityGroups: n.remoteAccess.sourceSecurityGroups ?? [] } : null,
    nodeRole: n.nodeRole ?? "",
    nodeRoleId: "",
    // `template`: the model id of the version read by ec2.ts.
    launchTemplate: lt ? { id: lt.id ?? "", name: lt.name ?? "", version: lt.version ?? "", template: "" } : null
  };
  if (o.amiType === "") (o.unknown ??= {})["amiType"] = `EKS:DescribeNodegroup returned no amiType for ${c.name}/${name}`;
  return o;
}
function principalName(arn) {
  return arnParts(arn).resourceName;
}
function entryOf(principalArn, e, c, scope) {
  const name = principalName(principalArn);
  return {
    ...liveBase(scope, "EksAccessEntry", `${c.name}/${name || principalArn}`, e?.accessEntryArn ?? `${c.arn}#access-entry/${principalArn}`, { ...e?.tags ?? {} }),
    kind: "EksAccessEntry",
    region: scope.region,
    accountIds: [scope.accountId],
    clusterName: c.name,
    cluster: c.id,
    principalArn,
    principalName: name,
    kubernetesGroups: e?.kubernetesGroups ?? [],
    type: e?.type ?? "STANDARD"
  };
}
function associationOf(principalArn, p, c, scope) {
  const policyArn = p.policyArn ?? "";
  const name = principalName(principalArn);
  const ref = `${c.arn}#access-entry/${principalArn}`;
  return {
    ...liveBase(scope, "EksAccessPolicyAssociation", `${c.name}/${name || principalArn}/${arnParts(policyArn).resourceName}`, ref),
    id: `aws/${ref}#${policyArn}`,
    kind: "EksAccessPolicyAssociation",
    region: scope.region,
    accountIds: [scope.accountId],
    clusterName: c.name,
    cluster: c.id,
    principalArn,
    principalName: name,
    policyArn,
    accessScope: { type: p.accessScope?.type ?? "", namespaces: p.accessScope?.namespaces ?? [] }
  };
}
function referenceOf(entry, scope) {
  const account = arnParts(entry.principalArn).account;
  if (!/^\d{12}$/.test(account)) return null;
  return {
    ...liveBase(scope, "AwsAccountReference", `EKS access entry ${entry.name}`, entry.resourceId),
    id: `${entry.id}#principalArn`,
    kind: "AwsAccountReference",
    arn: entry.principalArn,
    accountId: account,
    resourceType: "EKS access entry",
    attribute: "principalArn"
  };
}
async function collectEksExtras(eks, scope, counter, concurrency, clusters, clusterGaps) {
  const out = { addons: [], nodeGroups: [], accessEntries: [], accessPolicyAssociations: [], accountReferences: [], gaps: [] };
  for (const collection of EKS_EXTRA_COLLECTIONS) out.gaps.push(...carried(clusterGaps, EKS_COLLECTION, collection));
  const lists = clusters.flatMap((cluster) => [
    { cluster, kind: "addons" },
    { cluster, kind: "nodegroups" },
    ...cluster.accessConfig.authenticationMode === "CONFIG_MAP" ? [] : [{ cluster, kind: "entries" }]
  ]);
  const listed = await mapBounded(lists, concurrency, async (l) => {
    const clusterName = l.cluster.name;
    const names = await paged(counter, async (nextToken) => {
      const t = nextToken === void 0 ? {} : { nextToken };
      if (l.kind === "addons") {
        const r2 = await eks.send(new ListAddonsCommand({ clusterName, ...t }));
        return { items: r2.addons ?? [], next: r2.nextToken };
      }
      if (l.kind === "nodegroups") {
        const r2 = await eks.send(new ListNodegroupsCommand({ clusterName, ...t }));
        return { items: r2.nodegroups ?? [], next: r2.nextToken };
      }
      const r = await eks.send(new ListAccessEntriesCommand({ clusterName, ...t }));
      return { items: r.accessEntries ?? [], next: r.nextToken };
    });
    return { ...l, names };
  });
  const tasks = [];
  for (const { cluster: c, kind, names } of listed) {
    if (kind === "addons") {
      if (!names.ok) {
        out.gaps.push(gap(ADDONS, c.name, "EKS:ListAddons", names.error));
        setUnknown(c, "addons", failedBecause("EKS:ListAddons", c.name, names.error));
        setUnknown(c, "networkPolicyEnforcers", failedBecause("EKS:ListAddons", c.name, names.error));
        continue;
      }
      for (const addonName of names.value) {
        tasks.push(async () => {
          const r = await call(counter, () => eks.send(new DescribeAddonCommand({ clusterName: c.name, addonName })));
          if (!r.ok || r.value.addon === void 0) {
            const error = r.ok ? "no addon in the response" : r.error;
            out.gaps.push(gap(ADDONS, `${c.name}/${addonName}`, "EKS:DescribeAddon", error));
            setUnknown(c, "addons", failedBecause("EKS:DescribeAddon", `${c.name}/${addonName}`, error));
            if (addonName === "vpc-cni") setUnknown(c, "networkPolicyEnforcers", failedBecause("EKS:DescribeAddon", `${c.name}/vpc-cni`, error));
            return;
          }
          const a = addonOf(r.value.addon, c, scope);
          out.addons.push(a);
          c.addons.push(a.id);
          if (a.addonName !== "vpc-cni") return;
          if (a.unknown?.["configurationValues"]) setUnknown(c, "networkPolicyEnforcers", a.unknown["configurationValues"]);
          else if (String(a.configurationValues?.["enableNetworkPolicy"] ?? "").toLowerCase() === "true" && !c.networkPolicyEnforcers.includes("vpc-cni")) c.networkPolicyEnforcers.push("vpc-cni");
        });
      }
    } else if (kind === "nodegroups") {
      if (!names.ok) {
        out.gaps.push(gap(NODE_GROUPS, c.name, "EKS:ListNodegroups", names.error));
        continue;
      }
      for (const nodegroupName of names.value) {
        tasks.push(async () => {
          const r = await call(counter, () => eks.send(new DescribeNodegroupCommand({ clusterName: c.name, nodegroupName })));
          if (r.ok && r.value.nodegroup !== void 0) out.nodeGroups.push(nodeGroupOf(r.value.nodegroup, c, scope));
          else out.gaps.push(gap(NODE_GROUPS, `${c.name}/${nodegroupName}`, "EKS:DescribeNodegroup", r.ok ? "no nodegroup in the response" : r.error));
        });
      }
    } else {
      if (!names.ok) {
        for (const collection of [ENTRIES, ASSOCIATIONS, REFERENCES]) out.gaps.push(gap(collection, c.name, "EKS:ListAccessEntries", names.error));
        continue;
      }
      for (const principalArn of names.value) {
        const where = `${c.name}/${principalName(principalArn) || principalArn}`;
        tasks.push(async () => {
          const r = await call(counter, () => eks.send(new DescribeAccessEntryCommand({ clusterName: c.name, principalArn })));
          const described = r.ok ? r.value.accessEntry : void 0;
          if (described === void 0) out.gaps.push(gap(ENTRIES, where, "EKS:DescribeAccessEntry", r.ok ? "no accessEntry in the response" : r.error));
          const e = entryOf(principalArn, described, c, scope);
          if (described !== void 0) out.accessEntries.push(e);
          const ref = referenceOf(e, scope);
          if (ref) out.accountReferences.push(ref);
        });
        tasks.push(async () => {
          const r = await paged(counter, async (nextToken) => {
            const p = await eks.send(new ListAssociatedAccessPoliciesCommand({ clusterName: c.name, principalArn, ...nextToken === void 0 ? {} : { nextToken } }));
            return { items: p.associatedAccessPolicies ?? [], next: p.nextToken };
          });
          if (!r.ok) {
            out.gaps.push(gap(ASSOCIATIONS, where, "EKS:ListAssociatedAccessPolicies", r.error));
            return;
          }
          out.accessPolicyAssociations.push(...r.value.map((p) => associationOf(principalArn, p, c, scope)));
        });
      }
    }
  }
  await mapBounded(tasks, concurrency, (t) => t());
  const byId = (a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  for (const list of [out.addons, out.nodeGroups, out.accessEntries, out.accessPolicyAssociations, out.accountReferences]) list.sort(byId);
  for (const c of clusters) c.addons.sort();
  out.gaps.sort((a, b) => a.collection + a.scope < b.collection + b.scope ? -1 : a.collection + a.scope > b.collection + b.scope ? 1 : 0);
  return out;
}

// src/collectors/aws-live/iam.ts
import {
  GetAccessKeyLastUsedCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  GetOpenIDConnectProviderCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListOpenIDConnectProvidersCommand
} from "@aws-sdk/client-iam";
var IAM_COLLECTIONS = ["aws.iam.roles", "aws.iam.policies", "aws.iam.users", "aws.iam.oidcProviders", "aws.iam.accountSummaries"];
var DETAILS_COLLECTIONS = ["aws.iam.roles", "aws.iam.policies", "aws.iam.users"];
var NO_SUCH_ENTITY = ["NoSuchEntityException", "NoSuchEntity"];
function iamDocument(text2) {
  if (text2 === void 0 || text2 === "") return null;
  let decoded = text2;
  try {
    decoded = decodeURIComponent(text2);
  } catch {
  }
  return parsePolicy(decoded);
}
function iso(d) {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : "";
}
async function allPages(counter, fetch) {
  return paged(counter, async (m) => {
    const p = await fetch(m);
    return { items: [p], next: p.IsTruncated === true ? p.Marker : void 0 };
  });
}
var withMarker = (m) => m !== void 0 ? { Marker: m } : {};
async function readDetails(iam, counter) {
  const pages = await allPages(counter, (m) => iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ["Role", "User", "Group", "LocalManagedPolicy"], ...withMarker(m) })));
  if (!pages.ok) return pages;
  return {
    ok: true,
    value: {
      RoleDetailList: pages.value.flatMap((p) => p.RoleDetailList ?? []),
      UserDetailList: pages.value.flatMap((p) => p.UserDetailList ?? []),
      GroupDetailList: pages.value.flatMap((p) => p.GroupDetailList ?? []),
      Policies: pages.value.flatMap((p) => p.Policies ?? [])
    }
  };
}
async function collectIam(iam, scope, counter, concurrency) {
  const result = { iam: { roles: [], policies: [], oidcProviders: [], users: [], accountSummaries: [] }, gaps: [] };
  const placement = { region: scope.region, accountIds: [scope.accountId] };
  const [details, oidc, summary] = await Promise.all([
    readDetails(iam, counter),
    collectOidcProviders(iam, scope, counter, Math.max(1, Math.floor(concurrency / 2)), placement),
    call(counter, () => iam.send(new GetAccountSummaryCommand({})))
  ]);
  if (oidc.gap) result.gaps.push(oidc.gap);
  result.iam.oidcProviders = oidc.providers;
  const rootArn = `arn:${scope.partition}:iam::${scope.accountId}:root`;
  if (summary.ok) {
    const map = summary.value.SummaryMap ?? {};
    const s = {
      ...liveBase(scope, "IamAccountSummary", scope.accountId, rootArn),
      kind: "IamAccountSummary",
      accountId: scope.accountId,
      accountMfaEnabled: map.AccountMFAEnabled === 1,
      accountAccessKeysPresent: map.AccountAccessKeysPresent === 1,
      accountPasswordPresent: map.AccountPasswordPresent !== 0
    };
    for (const [field, key] of [["accountMfaEnabled", "AccountMFAEnabled"], ["accountAccessKeysPresent", "AccountAccessKeysPresent"]]) {
      if (map[key] === void 0) setUnknown(s, field, `IAM:GetAccountSummary returned no ${key} for account ${scope.accountId}`);
    }
    result.iam.accountSummaries.push(s);
  } else {
    result.gaps.push(gap("aws.iam.accountSummaries", "", "IAM:GetAccountSummary", summary.error));
  }
  if (!details.ok) {
    for (const collection of DETAILS_COLLECTIONS) {
      result.gaps.push(gap(collection, "", "IAM:GetAccountAuthorizationDetails", details.error));
    }
    return result;
  }
  const d = details.value;
  const documents = /* @__PURE__ */ new Map();
  for (const p of d.Policies) {
    const arn = p.Arn ?? "";
    const version = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion === true || p.DefaultVersionId !== void 0 && v.VersionId === p.DefaultVersionId);
    const document = iamDocument(version?.Document);
    documents.set(arn, document);
    const o = {
      ...liveBase(scope, "IamPolicy", p.PolicyName ?? arn, arn),
      kind: "IamPolicy",
      ...placement,
      policyName: p.PolicyName ?? "",
      path: p.Path ?? "/",
      arn,
      document,
      attachedTo: []
    };
    if (document === null) setUnknown(o, "document", `IAM:GetAccountAuthorizationDetails returned no readable default version (${p.DefaultVersionId ?? "none"}) of policy ${arn}`);
    result.iam.policies.push(o);
  }
  const attachTo = (arn, type, name) => {
    const p = result.iam.policies.find((x) => x.arn === arn);
    if (p && !p.attachedTo.some((a) => a.type === type && a.name === name)) p.attachedTo.push({ type, name });
  };
  const policiesOf = (owner, inline, attached, viaGroup, offset) => {
    const out = [];
    for (const ip of inline ?? []) {
      const document = iamDocument(ip.PolicyDocument);
      if (document === null) setUnknown(owner, `policies[${offset + out.length}].document`, `inline policy ${ip.PolicyName ?? ""}: IAM:GetAccountAuthorizationDetails returned no readable document`);
      out.push({ type: "inline", policyName: ip.PolicyName ?? "", policyArn: "", awsManaged: false, document, address: "", policyAddress: "", viaGroup });
    }
    for (const ap of attached ?? []) {
      const arn = ap.PolicyArn ?? "";
      const awsManaged = arnParts(arn).account === "aws";
      const document = awsManaged ? null : documents.get(arn) ?? null;
      if (!awsManaged && !documents.has(arn)) setUnknown(owner, `policies[${offset + out.length}].document`, `policy ${arn} was not among the customer-managed policies IAM:GetAccountAuthorizationDetails returned`);
      out.push({ type: "managed", policyName: ap.PolicyName ?? arnParts(arn).resourceName, policyArn: arn, awsManaged, document, address: "", policyAddress: "", viaGroup });
    }
    return out;
  };
  for (const r of d.RoleDetailList) {
    const roleName = r.RoleName ?? "";
    const arn = r.Arn ?? `arn:${scope.partition}:iam::${scope.accountId}:role${r.Path ?? "/"}${roleName}`;
    const o = {
      ...liveBase(scope, "IamRole", roleName, arn, tagsOf(r.Tags)),
      kind: "IamRole",
      ...placement,
      roleName,
      path: r.Path ?? "/",
      arn,
      assumeRolePolicy: iamDocument(r.AssumeRolePolicyDocument),
      policies: [],
      attachedPolicyArns: [],
      permissionsBoundary: r.PermissionsBoundary?.PermissionsBoundaryArn ?? "",
      webIdentity: [],
      trustedServices: [],
      nodeGroups: [],
      serviceAccounts: [],
      mattermostFileStore: false,
      fileStoreBuckets: [],
      velero: false,
      backupBuckets: [],
      kmsKeys: []
    };
    if (o.assumeRolePolicy === null) setUnknown(o, "assumeRolePolicy", `IAM:GetAccountAuthorizationDetails returned no readable trust policy for role ${arn}`);
    o.policies = policiesOf(o, r.RolePolicyList, r.AttachedManagedPolicies, "", 0);
    o.attachedPolicyArns = o.policies.filter((p) => p.type === "managed").map((p) => p.policyArn);
    for (const a of o.attachedPolicyArns) attachTo(a, "role", roleName);
    result.iam.roles.push(o);
  }
  const groups = new Map(d.GroupDetailList.map((g) => [g.GroupName ?? "", g]));
  for (const g of d.GroupDetailList) for (const a of g.AttachedManagedPolicies ?? []) attachTo(a.PolicyArn ?? "", "group", g.GroupName ?? "");
  for (const u of d.UserDetailList) {
    const userName = u.UserName ?? "";
    const arn = u.Arn ?? `arn:${scope.partition}:iam::${scope.accountId}:user${u.Path ?? "/"}${userName}`;
    const o = {
      ...liveBase(scope, "IamUser", userName, arn, tagsOf(u.Tags)),
      kind: "IamUser",
      ...placement,
      userName,
      path: u.Path ?? "/",
      arn,
      loginProfile: null,
      accessKeys: [],
      mfaDevices: [],
      groups: [...u.GroupList ?? []],
      policies: []
    };
    o.policies = policiesOf(o, u.UserPolicyList, u.AttachedManagedPolicies, "", 0);
    for (const a of u.AttachedManagedPolicies ?? []) attachTo(a.PolicyArn ?? "", "user", userName);
    for (const name of o.groups) {
      const g = groups.get(name);
      if (g === void 0) {
        setUnknown(o, "policies", `group ${name} of user ${userName} was not among the groups IAM:GetAccountAuthorizationDetails returned`);
        continue;
      }
      o.policies.push(...policiesOf(o, g.GroupPolicyList, g.AttachedManagedPolicies, name, o.policies.length));
    }
    result.iam.users.push(o);
  }
  const tasks = result.iam.users.flatMap((u) => [() => readLoginProfile(iam, u, counter), () => readAccessKeys(iam, u, counter), () => readMfaDevices(iam, u, counter)]);
  await mapBounded(tasks, concurrency, (t) => t());
  return result;
}
async function readLoginProfile(iam, u, counter) {
  const r = await callOrAbsent(counter, NO_SUCH_ENTITY, () => iam.send(new GetLoginProfileCommand({ UserName: u.userName })));
  if (!r.ok) {
    setUnknown(u, "loginProfile", failedBecause("IAM:GetLoginProfile", u.userName, r.error));
    return;
  }
  u.loginProfile = r.value === null ? null : { passwordResetRequired: r.value.LoginProfile?.PasswordResetRequired === true, address: "" };
}
async function readAccessKeys(iam, u, counter) {
  const pages = await allPages(counter, (m) => iam.send(new ListAccessKeysCommand({ UserName: u.userName, ...withMarker(m) })));
  if (!pages.ok) {
    setUnknown(u, "accessKeys", failedBecause("IAM:ListAccessKeys", u.userName, pages.error));
    return;
  }
  const keys = pages.value.flatMap((p) => p.AccessKeyMetadata ?? []);
  u.accessKeys = keys.map((k) => ({
    status: k.Status ?? "",
    address: "",
    keyIdSuffix: (k.AccessKeyId ?? "").slice(-4),
    createDate: iso(k.CreateDate),
    lastUsedDate: ""
  }));
  await Promise.all(keys.map(async (k, i) => {
    const used = await call(counter, () => iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k.AccessKeyId ?? "" })));
    if (!used.ok) setUnknown(u, `accessKeys[${i}].lastUsedDate`, failedBecause("IAM:GetAccessKeyLastUsed", `(key \u2026${u.accessKeys[i].keyIdSuffix} of ${u.userName})`, used.error));
    else u.accessKeys[i].lastUsedDate = iso(used.value.AccessKeyLastUsed?.LastUsedDate);
  }));
}
async function readMfaDevices(iam, u, counter) {
  const pages = await allPages(counter, (m) => iam.send(new ListMFADevicesCommand({ UserName: u.userName, ...withMarker(m) })));
  if (!pages.ok) {
    setUnknown(u, "mfaDevices", failedBecause("IAM:ListMFADevices", u.userName, pages.error));
    return;
  }
  u.mfaDevices = pages.value.flatMap((p) => p.MFADevices ?? []).map((x) => x.SerialNumber ?? "").filter((x) => x !== "");
}
async function collectOidcProviders(iam, scope, counter, concurrency, placement) {
  const list = await call(counter, () => iam.send(new ListOpenIDConnectProvidersCommand({})));
  if (!list.ok) return { providers: [], gap: gap("aws.iam.oidcProviders", "", "IAM:ListOpenIDConnectProviders", list.error) };
  const arns = (list.value.OpenIDConnectProviderList ?? []).map((p) => p.Arn ?? "").filter((a) => a !== "");
  const providers = await mapBounded(arns, concurrency, async (arn) => {
    const o = {
      ...liveBase(scope, "IamOidcProvider", arnParts(arn).resourceId, arn),
      kind: "IamOidcProvider",
      ...placement,
      arn,
      url: arnParts(arn).resourceId,
      clientIDList: [],
      thumbprintList: [],
      cluster: ""
    };
    const r = await call(counter, () => iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })));
    if (!r.ok) {
      const why2 = failedBecause("IAM:GetOpenIDConnectProvider", arn, r.error);
      setUnknown(o, "clientIDList", why2);
      setUnknown(o, "thumbprintList", why2);
      return o;
    }
    o.url = (r.value.Url ?? o.url).replace(/^https:\/\//, "");
    o.clientIDList = r.value.ClientIDList ?? [];
    o.thumbprintList = r.value.ThumbprintList ?? [];
    o.tags = tagsOf(r.value.Tags);
    return o;
  });
  return { providers, gap: null };
}

// src/collectors/aws-live/organizations.ts
import { DescribeOrganizationCommand } from "@aws-sdk/client-organizations";
function organizationsRegion(partition) {
  return partition === "aws-us-gov" ? "us-gov-west-1" : partition === "aws-cn" ? "cn-northwest-1" : "us-east-1";
}
async function collectOrganization(org, counter) {
  const r = await callOrAbsent(counter, ["AWSOrganizationsNotInUseException"], () => org.send(new DescribeOrganizationCommand({})));
  if (!r.ok) return { organization: null, why: failedBecause("Organizations:DescribeOrganization", "", r.error) };
  const o = r.value?.Organization;
  if (!o) return { organization: null, why: null };
  return {
    organization: { id: o.Id ?? "", arn: o.Arn ?? "", managementAccountId: o.MasterAccountId ?? "", featureSet: o.FeatureSet ?? "" },
    why: null
  };
}

// src/collectors/aws-live/kms.ts
import { DescribeKeyCommand, GetKeyRotationStatusCommand, ListKeysCommand } from "@aws-sdk/client-kms";
var KMS_COLLECTION = "aws.kms.keys";
async function collectKms(kms, scope, counter, concurrency) {
  const gaps = [];
  const managers = /* @__PURE__ */ new Map();
  const list = await paged(counter, async (Marker) => {
    const p = await kms.send(new ListKeysCommand(Marker === void 0 ? {} : { Marker }));
    return { items: p.Keys ?? [], next: p.Truncated === true ? p.NextMarker : void 0 };
  });
  if (!list.ok) return { keys: [], managers, listed: false, gaps: [gap(KMS_COLLECTION, "", "KMS:ListKeys", list.error)] };
  const keys = await mapBounded(list.value, concurrency, async (e) => {
    const id = e.KeyArn ?? e.KeyId ?? "";
    const d = await call(counter, () => kms.send(new DescribeKeyCommand({ KeyId: id })));
    if (!d.ok || d.value.KeyMetadata === void 0) {
      gaps.push(gap(KMS_COLLECTION, e.KeyId ?? id, "KMS:DescribeKey", d.ok ? "no KeyMetadata in the response" : d.error, id));
      return null;
    }
    const md = d.value.KeyMetadata;
    const manager = md.KeyManager === "AWS" ? "AWS" : md.KeyManager === "CUSTOMER" ? "CUSTOMER" : "";
    const arn = md.Arn ?? e.KeyArn ?? `arn:${scope.partition}:kms:${scope.region}:${scope.accountId}:key/${md.KeyId ?? ""}`;
    managers.set(arn, manager);
    if (md.KeyId) managers.set(md.KeyId, manager);
    if (manager !== "CUSTOMER") return null;
    const keySpec = md.KeySpec ?? "SYMMETRIC_DEFAULT";
    const keyUsage = md.KeyUsage ?? "ENCRYPT_DECRYPT";
    const k = {
      ...liveBase(scope, "KmsKey", md.Description || arn, arn),
      kind: "KmsKey",
      region: scope.region,
      accountIds: [scope.accountId],
      keyId: arn,
      description: md.Description ?? "",
      keyManager: "CUSTOMER",
      keySpec,
      keyUsage,
      keyRotationEnabled: false,
      rotationPeriodInDays: 365,
      enabled: md.Enabled === true,
      multiRegionKeyType: md.MultiRegion === true ? md.MultiRegionConfiguration?.MultiRegionKeyType ?? "" : "",
      aliases: [],
      usedBy: []
    };
    const unknown = (path, reason) => setUnknown(k, path, reason);
    unknown("aliases", "KMS aliases (KMS:ListAliases) are not read by the live AWS scan yet");
    unknown("usedBy", "the resources using a key are not joined by the live AWS scan yet");
    if (keySpec === "SYMMETRIC_DEFAULT" && keyUsage === "ENCRYPT_DECRYPT" && md.KeyState !== "PendingDeletion" && md.KeyState !== "PendingReplicaDeletion") {
      const r = await call(counter, () => kms.send(new GetKeyRotationStatusCommand({ KeyId: arn })));
      if (r.ok) {
        k.keyRotationEnabled = r.value.KeyRotationEnabled === true;
        k.rotationPeriodInDays = r.value.RotationPeriodInDays ?? 365;
      } else {
        const why2 = failedBecause("KMS:GetKeyRotationStatus", arn, r.error);
        unknown("keyRotationEnabled", why2);
        unknown("rotationPeriodInDays", why2);
      }
    }
    return k;
  });
  return { keys: keys.filter((k) => k !== null), managers, listed: true, gaps };
}

// src/collectors/aws-live/rds.ts
import {
  DescribeDBClusterParametersCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand
} from "@aws-sdk/client-rds";
var RDS_COLLECTIONS = ["aws.rds.clusters", "aws.rds.instances", "aws.rds.clusterParameterGroups"];
var OTHER_ENGINES = /* @__PURE__ */ new Set(["docdb", "neptune"]);
function clusterOf(c, scope) {
  const id = c.DBClusterIdentifier ?? "";
  const arn = c.DBClusterArn ?? `arn:${scope.partition}:rds:${scope.region}:${scope.accountId}:cluster:${id}`;
  const managed = c.MasterUserSecret !== void 0;
  const o = {
    ...liveBase(scope, "RdsCluster", id, arn, tagsOf(c.TagList)),
    kind: "RdsCluster",
    region: scope.region,
    accountIds: [scope.accountId],
    dbClusterIdentifier: id,
    engine: c.Engine ?? "",
    engineVersion: c.EngineVersion ?? "",
    engineMode: c.EngineMode ?? "provisioned",
    storageEncrypted: c.StorageEncrypted === true,
    // A key manager is told by the KMS join (collect.ts); "" until then.
    kmsKeyId: c.KmsKeyId ?? "",
    kmsKeyManager: "",
    backupRetentionPeriod: c.BackupRetentionPeriod ?? 1,
    preferredBackupWindow: c.PreferredBackupWindow ?? "",
    deletionProtection: c.DeletionProtection === true,
    // A deletion-time choice, not a setting of a running cluster: no skip is configured.
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: "",
    copyTagsToSnapshot: c.CopyTagsToSnapshot === true,
    iamDatabaseAuthenticationEnabled: c.IAMDatabaseAuthenticationEnabled === true,
    masterUserSecret: { managed, kmsKeyId: c.MasterUserSecret?.KmsKeyId ?? "" },
    // Every cluster has a master password; only an RDS-managed one is known to be rotated.
    masterPassword: { set: !managed, secretAddress: "", rotated: false },
    enabledCloudwatchLogsExports: c.EnabledCloudwatchLogsExports ?? [],
    dbClusterParameterGroup: c.DBClusterParameterGroup ?? "",
    parameters: {},
    globalClusterIdentifier: c.GlobalClusterIdentifier ?? "",
    dbClusterMembers: (c.DBClusterMembers ?? []).map((m) => ({ dbInstanceIdentifier: m.DBInstanceIdentifier ?? "", address: "", availabilityZone: "", publiclyAccessible: false })),
    availabilityZones: c.AvailabilityZones ?? [],
    multiAZ: c.MultiAZ === true,
    crossRegionCopies: [],
    latestRestorableTime: c.LatestRestorableTime?.toISOString() ?? "",
    // Filled from CloudTrail by drills.ts (collect.ts).
    restoreDrills: []
  };
  const unknown = (path, reason) => {
    (o.unknown ??= {})[path] = reason;
  };
  if (o.latestRestorableTime === "") unknown("latestRestorableTime", `RDS:DescribeDBClusters returned no LatestRestorableTime for ${id} (cluster ${c.Status ?? "in an unknown state"}: no restorable backup yet, or stopped)`);
  if (!managed) unknown("masterPassword", `RDS cluster ${id} has a self-managed master password; whether it is rotated (Secrets Manager) is not read by the live AWS scan`);
  unknown("crossRegionCopies", "global clusters (RDS:DescribeGlobalClusters) and AWS Backup copy rules are not read by the live AWS scan yet");
  return o;
}
function instanceOf(i, scope) {
  const id = i.DBInstanceIdentifier ?? "";
  const arn = i.DBInstanceArn ?? `arn:${scope.partition}:rds:${scope.region}:${scope.accountId}:db:${id}`;
  const member = (i.DBClusterIdentifier ?? "") !== "";
  return {
    ...liveBase(scope, "RdsInstance", id, arn, tagsOf(i.TagList)),
    kind: "RdsInstance",
    region: scope.region,
    accountIds: [scope.accountId],
    dbInstanceIdentifier: id,
    dbClusterIdentifier: i.DBClusterIdentifier ?? "",
    engine: i.Engine ?? "",
    dbInstanceClass: i.DBInstanceClass ?? "",
    availabilityZone: i.AvailabilityZone ?? "",
    publiclyAccessible: i.PubliclyAccessible === true,
    multiAZ: member ? false : i.MultiAZ === true,
    storageEncrypted: i.StorageEncrypted === true,
    instanceCount: 1
  };
}
async function collectRds(rds, scope, counter, concurrency) {
  const gaps = [];
  const [cl, inst] = await Promise.all([
    paged(counter, async (Marker) => {
      const r = await rds.send(new DescribeDBClustersCommand(Marker === void 0 ? {} : { Marker }));
      return { items: r.DBClusters ?? [], next: r.Marker };
    }),
    paged(counter, async (Marker) => {
      const r = await rds.send(new DescribeDBInstancesCommand(Marker === void 0 ? {} : { Marker }));
      return { items: r.DBInstances ?? [], next: r.Marker };
    })
  ]);
  if (!cl.ok) gaps.push(gap("aws.rds.clusters", "", "RDS:DescribeDBClusters", cl.error), gap("aws.rds.clusterParameterGroups", "", "RDS:DescribeDBClusters", cl.error));
  if (!inst.ok) gaps.push(gap("aws.rds.instances", "", "RDS:DescribeDBInstances", inst.error));
  const clusters = (cl.ok ? cl.value : []).filter((c) => !OTHER_ENGINES.has(c.Engine ?? "")).map((c) => clusterOf(c, scope));
  const instances = (inst.ok ? inst.value : []).filter((i) => !OTHER_ENGINES.has(i.Engine ?? "")).map((i) => instanceOf(i, scope));
  for (const c of clusters) {
    c.dbClusterMembers.forEach((m, k) => {
      const i = instances.find((x) => x.dbInstanceIdentifier === m.dbInstanceIdentifier);
      if (i) {
        m.availabilityZone = i.availabilityZone;
        m.publiclyAccessible = i.publiclyAccessible;
        m.address = i.resourceId;
      } else if (!inst.ok) {
        setUnknown(c, `dbClusterMembers[${k}].availabilityZone`, failedBecause("RDS:DescribeDBInstances", "", inst.error));
      }
    });
  }
  const names = [...new Set(clusters.map((c) => c.dbClusterParameterGroup).filter((n) => n !== "" && !n.startsWith("default.")))];
  const groups = await mapBounded(names, concurrency, async (name) => {
    const r = await paged(counter, async (Marker) => {
      const p = await rds.send(new DescribeDBClusterParametersCommand({ DBClusterParameterGroupName: name, Source: "user", ...Marker === void 0 ? {} : { Marker } }));
      return { items: (p.Parameters ?? []).map((x) => ({ name: x.ParameterName ?? "", value: x.ParameterValue ?? "" })), next: p.Marker };
    });
    if (!r.ok) {
      gaps.push(gap("aws.rds.clusterParameterGroups", name, "RDS:DescribeDBClusterParameters", r.error, name));
      for (const c of clusters) {
        if (c.dbClusterParameterGroup === name) setUnknown(c, "parameters", failedBecause("RDS:DescribeDBClusterParameters", name, r.error));
      }
      return null;
    }
    const parameters = {};
    for (const p of r.value) if (p.name !== "") parameters[p.name] = p.value;
    const g = {
      ...liveBase(scope, "RdsClusterParameterGroup", name, `arn:${scope.partition}:rds:${scope.region}:${scope.accountId}:cluster-pg:${name}`),
      kind: "RdsClusterParameterGroup",
      region: scope.region,
      accountIds: [scope.accountId],
      dbClusterParameterGroupName: name,
      dbParameterGroupFamily: "",
      parameters
    };
    (g.unknown ??= {})["dbParameterGroupFamily"] = "the family (RDS:DescribeDBClusterParameterGroups) is not read by the live AWS scan yet";
    for (const c of clusters) if (c.dbClusterParameterGroup === name) c.parameters = { ...parameters };
    return g;
  });
  return { clusters, instances, clusterParameterGroups: groups.filter((g) => g !== null), gaps };
}

// src/collectors/aws-live/s3.ts
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand
} from "@aws-sdk/client-s3";
var S3_COLLECTION = "aws.s3.buckets";
function why(api, o) {
  return failedBecause(`S3:${api}`, "", o.error);
}
function managerOfKey(keyId) {
  if (/(^|:)alias\/aws\//.test(keyId)) return "AWS";
  if (/(^|:)alias\//.test(keyId)) return "CUSTOMER";
  return "";
}
function regionOfLocation(c) {
  if (c === void 0 || c === "") return "us-east-1";
  return c === "EU" ? "eu-west-1" : c;
}
async function readBucket(s3, name, scope, counter) {
  const arn = `arn:${scope.partition}:s3:::${name}`;
  const b = {
    ...liveBase(scope, "S3Bucket", name, arn),
    kind: "S3Bucket",
    bucket: name,
    region: "",
    accountIds: [scope.accountId],
    versioning: { status: "", mfaDelete: "" },
    encryption: { rules: [{ sseAlgorithm: "AES256", kmsMasterKeyId: "", kmsKeyManager: "", bucketKeyEnabled: false }] },
    replication: null,
    replicationDestinations: [],
    publicAccessBlock: null,
    accountPublicAccessBlock: null,
    policy: null,
    logging: null,
    objectLock: { enabled: false, mode: "", days: null, years: null },
    lifecycleRules: [],
    replicaOf: [],
    accessLogTargetOf: [],
    cloudTrailTargetOf: [],
    mergedFrom: []
  };
  const unknown = (path, reason) => {
    (b.unknown ??= {})[path] = reason;
  };
  const Bucket = name;
  const [location, versioning, encryption, pab, policy, replication, objectLock, lifecycle, logging] = await Promise.all([
    call(counter, () => s3.send(new GetBucketLocationCommand({ Bucket }))),
    call(counter, () => s3.send(new GetBucketVersioningCommand({ Bucket }))),
    callOrAbsent(counter, ["ServerSideEncryptionConfigurationNotFoundError"], () => s3.send(new GetBucketEncryptionCommand({ Bucket }))),
    callOrAbsent(counter, ["NoSuchPublicAccessBlockConfiguration"], () => s3.send(new GetPublicAccessBlockCommand({ Bucket }))),
    callOrAbsent(counter, ["NoSuchBucketPolicy"], () => s3.send(new GetBucketPolicyCommand({ Bucket }))),
    callOrAbsent(counter, ["ReplicationConfigurationNotFoundError"], () => s3.send(new GetBucketReplicationCommand({ Bucket }))),
    callOrAbsent(counter, ["ObjectLockConfigurationNotFoundError"], () => s3.send(new GetObjectLockConfigurationCommand({ Bucket }))),
    callOrAbsent(counter, ["NoSuchLifecycleConfiguration"], () => s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }))),
    call(counter, () => s3.send(new GetBucketLoggingCommand({ Bucket })))
  ]);
  if (location.ok) b.region = regionOfLocation(location.value.LocationConstraint);
  else unknown("region", why("GetBucketLocation", location));
  if (versioning.ok) b.versioning = { status: versioning.value.Status ?? "", mfaDelete: versioning.value.MFADelete ?? "" };
  else unknown("versioning", why("GetBucketVersioning", versioning));
  if (!encryption.ok) unknown("encryption", why("GetBucketEncryption", encryption));
  else if (encryption.value !== null) {
    const rules = encryption.value.ServerSideEncryptionConfiguration?.Rules ?? [];
    if (rules.length > 0) {
      b.encryption.rules = rules.map((r) => {
        const d = r.ApplyServerSideEncryptionByDefault;
        const algorithm = d?.SSEAlgorithm ?? "";
        const keyId = d?.KMSMasterKeyID ?? "";
        return {
          sseAlgorithm: algorithm,
          kmsMasterKeyId: keyId,
          // aws:kms without a key id: the AWS-managed aws/s3 key.
          kmsKeyManager: algorithm.startsWith("aws:kms") && keyId === "" ? "AWS" : managerOfKey(keyId),
          bucketKeyEnabled: r.BucketKeyEnabled === true
        };
      });
    }
  }
  if (!pab.ok) unknown("publicAccessBlock", why("GetPublicAccessBlock", pab));
  else if (pab.value !== null) {
    const c = pab.value.PublicAccessBlockConfiguration ?? {};
    b.publicAccessBlock = {
      blockPublicAcls: c.BlockPublicAcls === true,
      blockPublicPolicy: c.BlockPublicPolicy === true,
      ignorePublicAcls: c.IgnorePublicAcls === true,
      restrictPublicBuckets: c.RestrictPublicBuckets === true
    };
  }
  const own = b.publicAccessBlock;
  if (own === null || !(own.blockPublicAcls && own.blockPublicPolicy && own.ignorePublicAcls && own.restrictPublicBuckets)) {
    unknown("accountPublicAccessBlock", "the account-level S3 Block Public Access (S3Control:GetPublicAccessBlock, s3:GetAccountPublicAccessBlock) is not read by the live AWS scan yet");
  }
  if (!policy.ok) unknown("policy", why("GetBucketPolicy", policy));
  else if (policy.value !== null) {
    b.policy = parsePolicy(policy.value.Policy ?? "");
    if (b.policy === null) unknown("policy", `S3:GetBucketPolicy of ${name} returned a document that is not a readable policy`);
  }
  if (!replication.ok) unknown("replication", why("GetBucketReplication", replication));
  else if (replication.value !== null) {
    const c = replication.value.ReplicationConfiguration;
    b.replication = {
      role: c?.Role ?? "",
      rules: (c?.Rules ?? []).map((r) => ({
        id: r.ID ?? "",
        status: r.Status ?? "",
        // The API returns the destination as a bucket ARN, as the Terraform adapter stores it.
        destinationBucket: r.Destination?.Bucket ?? "",
        destinationAccount: r.Destination?.Account ?? "",
        replicaKmsKeyId: r.Destination?.EncryptionConfiguration?.ReplicaKmsKeyID ?? "",
        sseKmsEncryptedObjects: r.SourceSelectionCriteria?.SseKmsEncryptedObjects?.Status ?? "",
        deleteMarkerReplication: r.DeleteMarkerReplication?.Status ?? ""
      }))
    };
  }
  if (!objectLock.ok) unknown("objectLock", why("GetObjectLockConfiguration", objectLock));
  else if (objectLock.value !== null) {
    const c = objectLock.value.ObjectLockConfiguration;
    const d = c?.Rule?.DefaultRetention;
    b.objectLock = { enabled: c?.ObjectLockEnabled === "Enabled", mode: d?.Mode ?? "", days: d?.Days ?? null, years: d?.Years ?? null };
  }
  if (!lifecycle.ok) unknown("lifecycleRules", why("GetBucketLifecycleConfiguration", lifecycle));
  else if (lifecycle.value !== null) {
    b.lifecycleRules = (lifecycle.value.Rules ?? []).map((r) => ({
      id: r.ID ?? "",
      status: r.Status ?? "",
      noncurrentDays: r.NoncurrentVersionExpiration?.NoncurrentDays ?? null,
      expirationDays: r.Expiration?.Days ?? null
    }));
  }
  if (!logging.ok) unknown("logging", why("GetBucketLogging", logging));
  else if (logging.value.LoggingEnabled) {
    b.logging = { targetBucket: logging.value.LoggingEnabled.TargetBucket ?? "", targetPrefix: logging.value.LoggingEnabled.TargetPrefix ?? "" };
  }
  return b;
}
function bucketNameOf(arnOrName) {
  return arnOrName.replace(/^arn:aws[\w-]*:s3:::/, "");
}
function joinBuckets(buckets, scope) {
  const byName = new Map(buckets.map((b) => [b.bucket, b]));
  for (const b of buckets) {
    for (const [i, rule] of (b.replication?.rules ?? []).entries()) {
      if (rule.status !== "Enabled") continue;
      const dest = byName.get(bucketNameOf(rule.destinationBucket));
      if (dest) {
        b.replicationDestinations.push({ bucket: dest.bucket, region: dest.region, accountIds: [...dest.accountIds] });
        if (dest.unknown?.["region"]) (b.unknown ??= {})[`replicationDestinations[${b.replicationDestinations.length - 1}].region`] = `destination bucket ${dest.bucket}: ${dest.unknown["region"]}`;
        if (!dest.replicaOf.includes(b.bucket)) dest.replicaOf.push(b.bucket);
      } else {
        (b.unknown ??= {})["replicationDestinations"] = rule.destinationBucket === "" ? `replication rule ${rule.id || i} names no destination bucket` : `replication destination ${bucketNameOf(rule.destinationBucket)} is not a bucket of account ${scope.accountId}, so its region cannot be told`;
      }
    }
    const replWhy = b.unknown?.["replication"];
    if (replWhy !== void 0) (b.unknown ??= {})["replicationDestinations"] = replWhy;
    if (b.logging) {
      const target = byName.get(b.logging.targetBucket);
      if (target && !target.accessLogTargetOf.includes(b.bucket)) target.accessLogTargetOf.push(b.bucket);
    }
  }
  for (const b of buckets) {
    const hidden = buckets.filter((x) => x !== b && x.unknown?.["replication"] !== void 0);
    if (hidden.length > 0) (b.unknown ??= {})["replicaOf"] = `the replication configuration of ${hidden.map((x) => x.bucket).join(", ")} could not be read`;
    const noLog = buckets.filter((x) => x !== b && x.unknown?.["logging"] !== void 0);
    if (noLog.length > 0) (b.unknown ??= {})["accessLogTargetOf"] = `the access logging of ${noLog.map((x) => x.bucket).join(", ")} could not be read`;
    (b.unknown ??= {})["cloudTrailTargetOf"] = "CloudTrail trails (CloudTrail:DescribeTrails) are not read by the live AWS scan yet";
  }
}
async function collectS3(s3, scope, counter, concurrency) {
  const listed = await paged(counter, async (ContinuationToken) => {
    const p = await s3.send(new ListBucketsCommand(ContinuationToken === void 0 ? {} : { ContinuationToken }));
    return { items: (p.Buckets ?? []).map((b) => b.Name ?? "").filter((n) => n !== ""), next: p.ContinuationToken };
  });
  if (!listed.ok) return { buckets: [], gaps: [gap(S3_COLLECTION, "", "S3:ListBuckets", listed.error)] };
  const buckets = await mapBounded(listed.value, concurrency, (n) => readBucket(s3, n, scope, counter));
  joinBuckets(buckets, scope);
  return { buckets, gaps: [] };
}

// src/collectors/aws-live/collect.ts
var AWS_LIVE_COLLECTIONS = [
  "aws.providers",
  S3_COLLECTION,
  EKS_COLLECTION,
  ...ROUTE53_COLLECTIONS,
  ...RDS_COLLECTIONS,
  CLOUDTRAIL_COLLECTION,
  KMS_COLLECTION,
  ...EKS_EXTRA_COLLECTIONS,
  ...EC2_COLLECTIONS,
  ...IAM_COLLECTIONS
];
var DEFAULT_TIMEOUT_MS = 3e4;
var DEFAULT_CONCURRENCY = 16;
var ACCOUNTS_AT_ONCE = 4;
function partitionOfArn(arn) {
  return /^arn:(aws[\w-]*):/.exec(arn)?.[1] ?? "aws";
}
function clientConfig(opts) {
  return {
    region: opts.region,
    ...opts.credentials !== void 0 ? { credentials: opts.credentials } : {},
    ...opts.endpoint !== void 0 ? { endpoint: opts.endpoint } : {},
    ...opts.retryStrategy !== void 0 ? { retryStrategy: opts.retryStrategy } : { maxAttempts: opts.maxAttempts ?? 3 },
    // Without throwOnRequestTimeout the SDK only logs a warning and a hung server hangs the scan.
    requestHandler: { requestTimeout: opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, throwOnRequestTimeout: true }
  };
}
function emptyCollections() {
  return {
    providers: [],
    s3: { buckets: [] },
    eks: { clusters: [], addons: [], nodeGroups: [], accessEntries: [], accessPolicyAssociations: [] },
    route53: { zones: [], records: [], healthChecks: [] },
    rds: { clusters: [], instances: [], clusterParameterGroups: [], globalClusters: [] },
    cloudtrail: { trails: [] },
    kms: { keys: [] },
    ec2: { launchTemplates: [], vpcPeerings: [], transitGatewayAttachments: [] },
    accountReferences: [],
    iam: { roles: [], policies: [], oidcProviders: [], users: [], accountSummaries: [] }
  };
}
function keyManager(kms, keyId) {
  const m = kms.managers.get(keyId) ?? kms.managers.get(keyId.replace(/^arn:[^:]+:kms:[^:]*:\d*:key\//, ""));
  if (m !== void 0) return { manager: m, why: null };
  if (!kms.listed) return { manager: "", why: `KMS:ListKeys failed, so who manages key ${keyId} cannot be told \u2014 needs ${permissionOf("KMS:ListKeys")}` };
  return { manager: "", why: `key ${keyId} was not described by this scan (another region or account, or KMS:DescribeKey failed)` };
}
function regionsOf(opts) {
  const r = [...new Set((opts.regions ?? []).map((x) => x.trim()).filter((x) => x !== ""))];
  return r.length > 0 ? r : [opts.region];
}
async function collectRegion(opts, scope, counter, concurrency, claimedTrails, now) {
  const base = clientConfig({ ...opts, region: scope.region });
  const eks = new EKSClient(base);
  const ec2 = new EC2Client(base);
  const rds = new RDSClient(base);
  const cloudtrail = new CloudTrailClient(base);
  const kms = new KMSClient(base);
  try {
    const [[eksr, extras, templates], network, kmsr, rdsr, ctr] = await Promise.all([
      (async () => {
        const c = await collectEks(eks, scope, counter, concurrency);
        const x = await collectEksExtras(eks, scope, counter, concurrency, c.clusters, c.gaps);
        return [c, x, await collectLaunchTemplates(ec2, scope, counter, concurrency, x.nodeGroups, x.gaps)];
      })(),
      collectEc2Network(ec2, scope, counter),
      collectKms(kms, scope, counter, concurrency),
      (async () => {
        const r = await collectRds(rds, scope, counter, concurrency);
        await collectRestoreDrills(cloudtrail, rds, counter, concurrency, r.clusters, now);
        return r;
      })(),
      collectCloudTrail(cloudtrail, scope, counter, concurrency, claimedTrails)
    ]);
    return {
      region: scope.region,
      eks: eksr,
      eksExtras: extras,
      kms: kmsr,
      rds: rdsr,
      ct: ctr,
      ec2: { ...network, ...templates, gaps: [...templates.gaps, ...network.gaps] }
    };
  } finally {
    eks.destroy();
    ec2.destroy();
    rds.destroy();
    cloudtrail.destroy();
    kms.destroy();
  }
}
async function collectAws(opts, counter = { calls: 0, failedCalls: 0 }) {
  counter.gate ??= new Gate(Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY));
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
  const regions = regionsOf(opts);
  const regionScoped = opts.regions !== void 0 && opts.regions.length > 0;
  const aws = emptyCollections();
  const gaps = [];
  const base = clientConfig(opts);
  const sts = new STSClient(base);
  const s3 = new S3Client({ ...base, forcePathStyle: opts.endpoint !== void 0, followRegionRedirects: true });
  const route53 = new Route53Client(base);
  const iam = new IAMClient(base);
  const home = {};
  const now = opts.now !== void 0 ? new Date(opts.now) : /* @__PURE__ */ new Date();
  const coverage = (scope) => ({ source: "aws", scope, calls: counter.calls, failedCalls: counter.failedCalls, gaps });
  try {
    const who = await call(counter, () => sts.send(new GetCallerIdentityCommand({})));
    if (!who.ok || !who.value.Account) {
      const error = who.ok ? "no Account in the response" : who.error;
      for (const collection of AWS_LIVE_COLLECTIONS) gaps.push(gap(collection, "", "STS:GetCallerIdentity", error));
      return { documents: [], mattermostConfigs: [], aws, coverage: coverage("") };
    }
    const accountId = who.value.Account;
    const callerArn = who.value.Arn ?? `arn:aws:iam::${accountId}:root`;
    const scope = { accountId, region: opts.region, partition: partitionOfArn(callerArn) };
    const provider = {
      ...liveBase(scope, "AwsProvider", `live:${accountId}`, callerArn),
      kind: "AwsProvider",
      allowedAccountIds: [],
      forbiddenAccountIds: [],
      assumeRoleArns: [],
      assumeRoleAccountIds: [],
      region: opts.region,
      callerAccountId: accountId,
      organization: null
    };
    aws.providers.push(provider);
    const claimedTrails = /* @__PURE__ */ new Set();
    home.org = new OrganizationsClient(clientConfig({ ...opts, region: organizationsRegion(scope.partition) }));
    home.ct = new CloudTrailClient(clientConfig({ ...opts, region: organizationsRegion(scope.partition) }));
    const homeCt = home.ct;
    const [s3r, regional, org, iamr, r53] = await Promise.all([
      collectS3(s3, scope, counter, concurrency),
      // Each region has its own API endpoints and rate limits: its own gate.
      mapBounded(regions, regions.length, (region) => collectRegion(opts, { ...scope, region }, withGate(counter, new Gate(concurrency)), concurrency, claimedTrails, now)),
      collectOrganization(home.org, counter),
      collectIam(iam, scope, counter, concurrency),
      (async () => {
        const r = await collectRoute53(route53, scope, counter, concurrency);
        await collectFailoverDrills(homeCt, counter, r.records, now);
        return r;
      })()
    ]);
    provider.organization = org.organization;
    if (org.why !== null) (provider.unknown ??= {})["organization"] = org.why;
    const inRegion = (region, list) => regionScoped ? list.map((g) => ({ ...g, scope: g.scope === "" ? region : `${region}/${g.scope}` })) : list;
    const kmsr = { keys: [], managers: /* @__PURE__ */ new Map(), listed: true, gaps: [] };
    for (const r of regional) {
      kmsr.keys.push(...r.kms.keys);
      for (const [k, v] of r.kms.managers) kmsr.managers.set(k, v);
      kmsr.listed &&= r.kms.listed;
    }
    const ctGaps = regional.flatMap((r) => r.ct.gaps);
    aws.s3.buckets = s3r.buckets;
    aws.eks.clusters = regional.flatMap((r) => r.eks.clusters);
    const extras = regional.map((r) => r.eksExtras);
    aws.eks.addons = extras.flatMap((x) => x.addons);
    aws.eks.nodeGroups = extras.flatMap((x) => x.nodeGroups);
    aws.eks.accessEntries = extras.flatMap((x) => x.accessEntries);
    aws.eks.accessPolicyAssociations = extras.flatMap((x) => x.accessPolicyAssociations);
    aws.accountReferences = extras.flatMap((x) => x.accountReferences);
    aws.ec2 = {
      launchTemplates: regional.flatMap((r) => r.ec2.launchTemplates),
      vpcPeerings: regional.flatMap((r) => r.ec2.vpcPeerings),
      transitGatewayAttachments: regional.flatMap((r) => r.ec2.transitGatewayAttachments)
    };
    aws.route53 = { zones: r53.zones, records: r53.records, healthChecks: r53.healthChecks };
    aws.kms.keys = kmsr.keys;
    aws.rds = {
      clusters: regional.flatMap((r) => r.rds.clusters),
      instances: regional.flatMap((r) => r.rds.instances),
      clusterParameterGroups: regional.flatMap((r) => r.rds.clusterParameterGroups),
      globalClusters: []
    };
    aws.cloudtrail.trails = regional.flatMap((r) => r.ct.trails);
    aws.iam = iamr.iam;
    linkWebIdentity(aws);
    gaps.push(
      ...iamr.gaps,
      ...s3r.gaps,
      ...regional.flatMap((r) => inRegion(r.region, r.eks.gaps)),
      ...r53.gaps,
      ...regional.flatMap((r) => inRegion(r.region, r.kms.gaps)),
      ...regional.flatMap((r) => inRegion(r.region, r.rds.gaps)),
      ...regional.flatMap((r) => inRegion(r.region, r.ct.gaps)),
      ...regional.flatMap((r) => inRegion(r.region, [...r.eksExtras.gaps, ...r.ec2.gaps]))
    );
    for (const c of aws.rds.clusters) {
      if (c.kmsKeyId === "") {
        c.kmsKeyManager = c.storageEncrypted ? "AWS" : "";
        continue;
      }
      const k = keyManager(kmsr, c.kmsKeyId);
      c.kmsKeyManager = k.manager;
      if (k.why !== null) {
        (c.unknown ??= {})["kmsKeyId"] = k.why;
        c.unknown["kmsKeyManager"] = k.why;
      }
    }
    for (const t of aws.cloudtrail.trails) {
      if (t.kmsKeyId !== "") t.kmsKeyManager = keyManager(kmsr, t.kmsKeyId).manager;
      const b = aws.s3.buckets.find((x) => x.bucket === t.s3BucketName);
      if (b) {
        t.s3BucketAccountIds = [...b.accountIds];
        if (!b.cloudTrailTargetOf.includes(t.name)) b.cloudTrailTargetOf.push(t.name);
      } else {
        (t.unknown ??= {})["s3BucketAccountIds"] = s3r.gaps.length > 0 ? `S3:ListBuckets failed, so the account of bucket ${t.s3BucketName} cannot be told` : `bucket ${t.s3BucketName} is not a bucket of account ${accountId}, so its account cannot be told`;
      }
    }
    if (ctGaps.length === 0) {
      for (const b of aws.s3.buckets) {
        delete b.unknown?.["cloudTrailTargetOf"];
        if (b.unknown !== void 0 && Object.keys(b.unknown).length === 0) delete b.unknown;
      }
    } else for (const b of aws.s3.buckets) (b.unknown ??= {})["cloudTrailTargetOf"] = `CloudTrail:DescribeTrails failed \u2014 needs ${permissionOf("CloudTrail:DescribeTrails")}`;
    return { documents: [], mattermostConfigs: [], aws, coverage: coverage(accountId) };
  } finally {
    sts.destroy();
    s3.destroy();
    route53.destroy();
    iam.destroy();
    home.org?.destroy();
    home.ct?.destroy();
  }
}
function accountOfRoleArn(arn) {
  return /^arn:[^:]+:iam::(\d{12}):role\//.exec(arn)?.[1] ?? "";
}
function assumeFailed(arn, error, counter) {
  const gaps = AWS_LIVE_COLLECTIONS.map((collection) => ({
    collection,
    scope: "",
    api: `STS:AssumeRole ${arn}`,
    error,
    permission: `sts:AssumeRole on ${arn} for the scanning identity, and a trust policy of the role that allows it`
  }));
  return {
    documents: [],
    mattermostConfigs: [],
    aws: emptyCollections(),
    coverage: { source: "aws", scope: accountOfRoleArn(arn) || arn, calls: counter.calls, failedCalls: counter.failedCalls, gaps }
  };
}
async function collectAwsAccounts(opts) {
  const base = opts.credentials ?? (opts.profile !== void 0 && opts.profile !== "" ? fromIni({ profile: opts.profile, clientConfig: { region: opts.region } }) : void 0);
  const roleArns = [...new Set(opts.roleArns ?? [])];
  if (roleArns.length === 0) return [await collectAws({ ...opts, ...base !== void 0 ? { credentials: base } : {} })];
  const httpAgent = new HttpAgent({ keepAlive: true });
  const httpsAgent = new HttpsAgent({ keepAlive: true });
  try {
    return await mapBounded(roleArns, ACCOUNTS_AT_ONCE, async (arn) => {
      const counter = { calls: 0, failedCalls: 0, gate: new Gate(Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY)) };
      const assume = fromTemporaryCredentials({
        params: { RoleArn: arn, RoleSessionName: opts.roleSessionName ?? "oobguard-scan" },
        ...base !== void 0 ? { masterCredentials: base } : {},
        clientConfig: {
          ...clientConfig(opts),
          requestHandler: { requestTimeout: opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, throwOnRequestTimeout: true, httpAgent, httpsAgent }
        }
      });
      const first = await call(counter, () => assume());
      if (!first.ok) return assumeFailed(arn, first.error, counter);
      let current = first.value;
      let renewing;
      let renewalFailed;
      const renew = async () => {
        const r = await call(counter, () => assume());
        if (r.ok) current = r.value;
        else renewalFailed = Object.assign(new Error(`STS:AssumeRole ${arn}`), { name: `STS:AssumeRole renewal failed: ${r.error}` });
      };
      const expiresIn = () => (current.expiration?.getTime() ?? Number.POSITIVE_INFINITY) - Date.now();
      const credentials = async () => {
        if (expiresIn() > 5 * 6e4) return current;
        if (renewalFailed === void 0) {
          renewing ??= renew().finally(() => {
            renewing = void 0;
          });
          await renewing;
        }
        if (renewalFailed !== void 0 && expiresIn() <= 0) throw renewalFailed;
        return current;
      };
      return collectAws({ ...opts, credentials }, counter);
    });
  } finally {
    httpAgent.destroy();
    httpsAgent.destroy();
  }
}
export {
  AWS_LIVE_COLLECTIONS,
  accountOfRoleArn,
  collectAws,
  collectAwsAccounts,
  regionsOf
};
