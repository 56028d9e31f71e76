/**
 * Deterministic benchmark corpus: ~10,000 Kubernetes documents (~6 MB) in ~500 files, shaped like
 * rendered Mattermost OOB deployments (Mattermost CRs and Deployments, Velero, NetworkPolicies,
 * Ingresses, Secrets, …), about one document in five carrying a violation.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Gen = (ns: string, i: number, bad: boolean) => string;

const templates: Gen[] = [
  (ns, i, bad) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
  labels:
    pod-security.kubernetes.io/enforce: ${bad ? 'privileged' : 'restricted'}
    pod-security.kubernetes.io/enforce-version: latest
    team: team-${i % 17}
`,
  (ns, i, bad) => `apiVersion: installation.mattermost.com/v1beta1
kind: Mattermost
metadata:
  name: mm-${i}
  namespace: ${ns}
spec:
  image: mattermost/mattermost-enterprise-edition
  version: ${bad ? 'latest' : '10.5.2'}
  replicas: ${bad ? 1 : 2}
  ingress:
    enabled: true
    host: chat-${i}.oob.example.org
    tlsSecret: ${bad ? '""' : `mm-${i}-tls`}
    annotations:
      nginx.ingress.kubernetes.io/whitelist-source-range: 203.0.113.0/27
  database:
    external:
      secret: mm-${i}-db
  fileStore:
    external:
      url: s3.amazonaws.com
      bucket: mm-files-${i}
      useServiceAccount: true
  podTemplate:
    securityContext:
      runAsNonRoot: true
      runAsUser: 2000
      fsGroup: 2000
      seccompProfile: {type: RuntimeDefault}
    containerSecurityContext:
      allowPrivilegeEscalation: false
      privileged: false
      readOnlyRootFilesystem: true
      capabilities: {drop: [ALL]}
  mattermostEnv:
    - name: MM_SERVICESETTINGS_ENABLEMULTIFACTORAUTHENTICATION
      value: "true"
    - name: MM_SERVICESETTINGS_ENFORCEMULTIFACTORAUTHENTICATION
      value: "${bad ? 'false' : 'true'}"
`,
  (ns, i, bad) => `apiVersion: v1
kind: Secret
metadata:
  name: mm-${i}-db
  namespace: ${ns}
type: Opaque
stringData:
  DB_CONNECTION_STRING: postgres://mmuser:pw${i}@db-${i}.internal:5432/mattermost?sslmode=${bad ? 'disable' : 'verify-full'}&connect_timeout=10
`,
  (ns, i, bad) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker-${i}
  namespace: ${ns}
  labels: {app.kubernetes.io/name: worker, app.kubernetes.io/instance: w${i}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: worker-${i}}
  template:
    metadata:
      labels: {app: worker-${i}}
    spec:
      serviceAccountName: worker
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: worker
          image: registry.oob.example.org/worker@sha256:${'ab'.repeat(32)}
          args: ["--queue", "q${i}", "--concurrency", "4"]
          ports:
            - {name: http, containerPort: 8080}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 256Mi}
          readinessProbe:
            httpGet: {path: /healthz, port: http}
            periodSeconds: 10
            failureThreshold: 3
          livenessProbe:
            httpGet: {path: /livez, port: http}
            initialDelaySeconds: 15
            periodSeconds: 20
          volumeMounts:
            - {name: tmp, mountPath: /tmp}
            - {name: config, mountPath: /etc/worker, readOnly: true}
          securityContext:
            allowPrivilegeEscalation: ${bad ? 'true' : 'false'}
            privileged: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          env:
            - name: LOG_LEVEL
              value: info
            - name: API_TOKEN
              valueFrom: {secretKeyRef: {name: worker-${i}, key: token}}
            - name: POD_NAME
              valueFrom: {fieldRef: {fieldPath: metadata.name}}
      volumes:
        - name: tmp
          emptyDir: {}
        - name: config
          configMap: {name: worker-${i}-config}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels: {app: worker-${i}}
`,
  (ns, i) => `apiVersion: v1
kind: Service
metadata:
  name: worker-${i}
  namespace: ${ns}
spec:
  selector: {app: worker-${i}}
  ports:
    - {name: http, port: 80, targetPort: http}
`,
  (ns, i, bad) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${ns}
spec:
  podSelector: ${bad ? '{matchLabels: {app: worker-' + i + '}}' : '{}'}
  policyTypes: [Ingress, Egress]
`,
  (ns, i) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ingress-${i}
  namespace: ${ns}
spec:
  podSelector:
    matchLabels: {app: mattermost}
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels: {kubernetes.io/metadata.name: ingress-nginx}
      ports:
        - {port: 8065, protocol: TCP}
`,
  (ns, i, bad) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web-${i}
  namespace: ${ns}
  annotations:
    nginx.ingress.kubernetes.io/whitelist-source-range: 203.0.113.0/27
${bad ? '    nginx.ingress.kubernetes.io/configuration-snippet: "more_set_headers X-Debug: 1;"\n' : ''}spec:
  ingressClassName: nginx
  tls:
    - hosts: [web-${i}.oob.example.org]
      secretName: web-${i}-tls
  rules:
    - host: web-${i}.oob.example.org
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: {name: worker-${i}, port: {number: 80}}
`,
  (ns, i) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: worker-${i}-config
  namespace: ${ns}
data:
  settings.ini: |
    [main]
    queue = q${i}
    retries = 5
    timeout = 30
`,
  (ns, i) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: worker
  namespace: ${ns}
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::222222222222:role/worker-${i}
automountServiceAccountToken: false
`,
  (ns, i, bad) => `apiVersion: velero.io/v1
kind: Schedule
metadata:
  name: mm-${i}-daily
  namespace: velero
spec:
  schedule: "${bad ? '0 3 * * 0' : '0 3 * * *'}"
  template:
    includedNamespaces: [${ns}]
    storageLocation: default
    ttl: 2208h0m0s
    snapshotVolumes: true
`,
  (ns, i, bad) => `apiVersion: velero.io/v1
kind: BackupStorageLocation
metadata:
  name: loc-${i}
  namespace: velero
spec:
  provider: velero.io/aws
  objectStorage:
    bucket: oob-backups-${i}
  config:
    region: eu-west-1
${bad ? '    insecureSkipTLSVerify: "true"\n' : '    kmsKeyId: alias/velero\n'}`,
  (ns, i) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: worker-${i}
  namespace: ${ns}
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get, list, watch]
`,
  (ns, i, bad) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: worker-${i}
  namespace: ${ns}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${bad ? 'ClusterRole' : 'Role'}, name: ${bad ? 'cluster-admin' : `worker-${i}`}}
subjects:
  - {kind: ServiceAccount, name: worker, namespace: ${ns}}
`,
  (ns, i, bad) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: pgdump-${i}
  namespace: ${ns}
spec:
  schedule: "${bad ? '0 2 */3 * *' : '15 2 * * *'}"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
          containers:
            - name: dump
              image: postgres:16.4
              command: ["/bin/sh", "-c", "pg_dump --format=custom \\"$DSN\\" | aws s3 cp - s3://oob-backups-${i}/dumps/$(date +%F).dump"]
              securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
`,
  (ns, i, bad) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: mm-${i}-config
  namespace: ${ns}
data:
  config.json: |
    {
      "ServiceSettings": {"SiteURL": "https://chat-${i}.oob.example.org", "EnableMultifactorAuthentication": true,
        "EnforceMultifactorAuthentication": true, "SessionLengthWebInHours": ${bad ? 720 : 12}, "SessionIdleTimeoutInMinutes": 30,
        "ExtendSessionLengthWithActivity": false, "EnableUserAccessTokens": false, "AllowCorsFrom": ""},
      "TeamSettings": {"EnableUserCreation": false, "EnableOpenServer": false, "RestrictDirectMessage": "team"},
      "SqlSettings": {"DriverName": "postgres", "Trace": false},
      "LogSettings": {"ConsoleLevel": "INFO", "EnableDiagnostics": false, "EnableWebhookDebugging": false},
      "FileSettings": {"DriverName": "amazons3", "AmazonS3Bucket": "mm-files-${i}", "AmazonS3SSE": true, "AmazonS3SSL": true},
      "EmailSettings": {"EnableSignUpWithEmail": false, "PushNotificationContents": "id_loaded"},
      "PasswordSettings": {"MinimumLength": 14, "Lowercase": true, "Uppercase": true, "Number": true, "Symbol": true},
      "PluginSettings": {"EnableUploads": false, "RequirePluginSignature": true, "EnableMarketplace": false}
    }
`,
];

/** Which template each document of a file uses: a team release; every 10th file also runs Mattermost. */
const TEAM_FILE = [0, 3, 3, 3, 4, 4, 4, 5, 6, 7, 7, 8, 8, 9, 12, 13, 14, 10, 11, 2];
const MATTERMOST_FILE = [0, 1, 15, 3, 3, 4, 4, 5, 6, 7, 7, 8, 8, 9, 12, 13, 14, 10, 11, 2];

export interface CorpusStats { files: number; documents: number; bytes: number; violating: number }

export async function generateCorpus(dir: string, opts: { documents?: number; files?: number; seed?: number } = {}): Promise<CorpusStats> {
  const documents = opts.documents ?? 10_000;
  const files = opts.files ?? 500;
  const rand = rng(opts.seed ?? 20261122);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const perFile = Math.ceil(documents / files);
  let doc = 0;
  let bytes = 0;
  let violating = 0;
  for (let f = 0; f < files && doc < documents; f++) {
    const ns = `oob-${f}`;
    const parts: string[] = [];
    for (let k = 0; k < perFile && doc < documents; k++, doc++) {
      const plan = f % 10 === 0 ? MATTERMOST_FILE : TEAM_FILE;
      const t = plan[k % plan.length]!;
      const gen = templates[t]!;
      const bad = rand() < 0.2;
      if (bad) violating++;
      parts.push(`# Source: oob-platform/templates/${t}.yaml\n${gen(ns, f * perFile + k, bad)}`);
    }
    const text = `---\n${parts.join('---\n')}`;
    bytes += Buffer.byteLength(text);
    const sub = path.join(dir, `team-${String(f % 25).padStart(2, '0')}`);
    await mkdir(sub, { recursive: true });
    await writeFile(path.join(sub, `release-${String(f).padStart(3, '0')}.yaml`), text);
  }
  return { files, documents: doc, bytes, violating };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? 'bench/corpus';
  const stats = await generateCorpus(out);
  process.stdout.write(`${JSON.stringify(stats)}\n`);
}
