/**
 * A local server that speaks enough of Mattermost's REST API (v4) for the live collector:
 * Bearer-token auth (401 with Mattermost's AppError body), `/config` (sanitized), `/config/environment`,
 * `/system/ping`, `/license/client`, paged `/users` and `/users/tokens`, `/data_retention/policy`
 * (501 when the feature is unlicensed) and `/jobs/type/data_retention`, 403 AppErrors for
 * missing permissions, and scripted responses (429 with Retry-After, 500s, malformed JSON, a hang)
 * served before the normal answer of a path.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export const SANITIZED = '********************************';
export const VERSION_ID = '10.5.1.13456789.5f0c3e5e9d6a1b2c.true';

export interface Scripted {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface FakeMattermostOptions {
  token: string;
  config?: { [k: string]: Json };
  environment?: { [k: string]: Json };
  users?: { [k: string]: Json }[];
  tokens?: { [k: string]: Json }[];
  /** `GlobalRetentionPolicy` answer; `'unlicensed'` answers 501 as a server without the feature. Default: deletion off. */
  retentionPolicy?: { [k: string]: Json } | 'unlicensed';
  /** Data-retention jobs (any order; served newest first, paged). */
  retentionJobs?: { [k: string]: Json }[];
  /** Paths (without query) answering 403 with Mattermost's permission AppError. */
  forbid?: string[];
  /** Path (without query) → responses served, in order, before the normal one. `'hang'` never answers. */
  script?: Record<string, (Scripted | 'hang')[]>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string;
}

export interface FakeMattermost {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

function appError(id: string, message: string, status: number, where: string): string {
  return JSON.stringify({ id, message, detailed_error: '', request_id: 'pzqeo6sf4bbs7bbyf4jyo3ruqr', status_code: status, where });
}

export async function startMattermostApi(opts: FakeMattermostOptions): Promise<FakeMattermost> {
  const requests: RecordedRequest[] = [];
  const script = new Map(Object.entries(opts.script ?? {}).map(([k, v]) => [k, [...v]]));
  const hanging: ServerResponse[] = [];

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'X-Version-Id': VERSION_ID, 'X-Request-Id': 'pzqeo6sf4bbs7bbyf4jyo3ruqr', ...headers });
    res.end(body);
  };

  const page = <T>(items: T[], query: Record<string, string>): T[] => {
    const perPage = Math.min(Number(query['per_page'] ?? '60'), 200);
    const p = Number(query['page'] ?? '0');
    return items.slice(p * perPage, (p + 1) * perPage);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(u.searchParams);
    const authorization = req.headers.authorization ?? '';
    requests.push({ method: req.method ?? '', path: u.pathname, query, authorization });

    if (authorization !== `Bearer ${opts.token}`) {
      // What Mattermost answers for an unknown or revoked token.
      send(res, 401, appError('api.context.session_expired.app_error', 'Invalid or expired session, please login again.', 401, 'ServeHTTP'));
      return;
    }
    const queued = script.get(u.pathname)?.shift();
    if (queued === 'hang') {
      hanging.push(res);
      return;
    }
    if (queued) {
      send(res, queued.status, queued.body, queued.headers);
      return;
    }
    if (opts.forbid?.includes(u.pathname)) {
      send(res, 403, appError('api.context.permissions.app_error', 'You do not have the appropriate permissions.', 403, 'Context.SessionRequired'));
      return;
    }
    switch (u.pathname) {
      case '/api/v4/config':
        send(res, 200, JSON.stringify(opts.config ?? {}));
        return;
      case '/api/v4/config/environment':
        send(res, 200, JSON.stringify(opts.environment ?? {}));
        return;
      case '/api/v4/system/ping':
        send(res, 200, JSON.stringify(query['get_server_status'] === 'true'
          ? { ActiveSearchBackend: 'database', AndroidLatestVersion: '', AndroidMinVersion: '', IosLatestVersion: '', IosMinVersion: '', status: 'OK', database_status: 'OK', filestore_status: 'OK' }
          : { ActiveSearchBackend: 'database', status: 'OK' }));
        return;
      case '/api/v4/license/client':
        if (query['format'] !== 'old') {
          send(res, 501, appError('api.license.client.old_format.app_error', 'New format for the client license is not supported yet. Please specify format=old in the query string.', 501, 'getClientLicense'));
          return;
        }
        send(res, 200, JSON.stringify({ IsLicensed: 'true', SkuShortName: 'enterprise', Cluster: 'true', MFA: 'true', LDAP: 'true', SAML: 'true', DataRetention: 'true', MessageExport: 'true' }));
        return;
      case '/api/v4/users':
        send(res, 200, JSON.stringify(page(opts.users ?? [], query)));
        return;
      case '/api/v4/users/tokens':
        send(res, 200, JSON.stringify(page(opts.tokens ?? [], query)));
        return;
      case '/api/v4/data_retention/policy':
        if (opts.retentionPolicy === 'unlicensed') {
          send(res, 501, appError('ent.data_retention.generic.license.error', 'License does not support Data Retention.', 501, 'GetGlobalRetentionPolicy'));
          return;
        }
        send(res, 200, JSON.stringify(opts.retentionPolicy ?? {
          message_deletion_enabled: false, file_deletion_enabled: false, boards_deletion_enabled: false,
          message_retention_cutoff: 0, file_retention_cutoff: 0, boards_retention_cutoff: 0,
        }));
        return;
      case '/api/v4/jobs/type/data_retention': {
        const newest = [...(opts.retentionJobs ?? [])].sort((a, b) => Number(b['create_at']) - Number(a['create_at']));
        send(res, 200, JSON.stringify(page(newest, query)));
        return;
      }
      default:
        send(res, 404, appError('api.context.404.app_error', 'Sorry, we could not find the page.', 404, ''));
    }
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A user as `GET /api/v4/users` returns it to a system admin (false booleans omitted, as Mattermost does). */
export function apiUser(n: number, extra: { [k: string]: Json } = {}): { [k: string]: Json } {
  const id = `u${String(n).padStart(25, '0')}`;
  return {
    id, create_at: 1714000000000 + n, update_at: 1714000000000 + n, delete_at: 0,
    username: `user${n}`, auth_data: '', auth_service: '', email: `user${n}@oob.example.org`, email_verified: true,
    nickname: '', first_name: '', last_name: '', position: '', roles: 'system_user', locale: 'en',
    timezone: { automaticTimezone: '', manualTimezone: '', useAutomaticTimezone: 'true' },
    disable_welcome_email: false,
    ...extra,
  };
}

/** A realistic `GET /api/v4/config` answer: effective settings, secrets sanitized. */
export function sanitizedConfig(): { [k: string]: Json } {
  return {
    ServiceSettings: {
      SiteURL: 'https://chat.oob.example.org', ListenAddress: ':8065', ConnectionSecurity: '', TLSCertFile: '', TLSKeyFile: '',
      EnableMultifactorAuthentication: true, EnforceMultifactorAuthentication: false,
      EnableUserAccessTokens: true, EnableIncomingWebhooks: false, EnableOutgoingWebhooks: false, EnableCommands: false,
      EnableOAuthServiceProvider: false, SessionLengthWebInHours: 720, SessionIdleTimeoutInMinutes: 43200,
      EnableDeveloper: false, EnableInsecureOutgoingConnections: false, AllowCorsFrom: '', SplitKey: SANITIZED,
      GoogleDeveloperKey: '', EnableLocalMode: false,
    },
    TeamSettings: { SiteName: 'OOB Chat', MaxUsersPerTeam: 500, EnableOpenServer: false, RestrictCreationToDomains: 'oob.example.org' },
    SqlSettings: {
      DriverName: 'postgres', DataSource: SANITIZED, DataSourceReplicas: [], DataSourceSearchReplicas: [],
      MaxIdleConns: 20, MaxOpenConns: 300, Trace: false, AtRestEncryptKey: SANITIZED, QueryTimeout: 30,
      ReplicaLagSettings: [],
    },
    LogSettings: { EnableConsole: true, ConsoleLevel: 'INFO', EnableFile: true, EnableDiagnostics: false },
    FileSettings: {
      DriverName: 'amazons3', AmazonS3AccessKeyId: '', AmazonS3SecretAccessKey: SANITIZED, AmazonS3Bucket: 'oob-mattermost-files',
      AmazonS3Region: 'eu-central-1', AmazonS3Endpoint: 's3.amazonaws.com', AmazonS3SSL: true, AmazonS3SSE: true,
      PublicLinkSalt: SANITIZED, EnablePublicLink: false,
      // Not masked by Config.Sanitize(): comes back in clear.
      ExportAmazonS3SecretAccessKey: 'CANARY-EXPORT-S3-SECRET-9d1e',
    },
    EmailSettings: {
      EnableSignUpWithEmail: false, EnableSignInWithEmail: true, EnableSignInWithUsername: false,
      SMTPUsername: 'oob-mailer', SMTPPassword: SANITIZED, SMTPServer: 'smtp.oob.example.org', SMTPPort: '587', ConnectionSecurity: 'STARTTLS',
      EnableSMTPAuth: true, RequireEmailVerification: true,
    },
    GitLabSettings: { Enable: false, Secret: SANITIZED, Id: '' },
    GoogleSettings: { Enable: false, Secret: SANITIZED, Id: '' },
    Office365Settings: { Enable: false, Secret: SANITIZED, Id: '' },
    OpenIdSettings: { Enable: true, Secret: SANITIZED, Id: 'mattermost-oob', DiscoveryEndpoint: 'https://idp.oob.example.org/.well-known/openid-configuration' },
    LdapSettings: { Enable: false, BindPassword: '' },
    ElasticsearchSettings: { EnableIndexing: false, Password: SANITIZED },
    CacheSettings: { CacheType: 'lru', RedisPassword: SANITIZED },
    MessageExportSettings: { EnableExport: false, GlobalRelaySettings: { CustomerType: 'A9', SMTPUsername: '', SMTPPassword: SANITIZED } },
    PluginSettings: { Enable: true, EnableUploads: false, RequirePluginSignature: true },
  };
}

/** A data-retention job as `GET /api/v4/jobs/type/data_retention` lists it. */
export function retentionJob(n: number, status: string, createAt: number): { [k: string]: Json } {
  return {
    id: `j${String(n).padStart(25, '0')}`, type: 'data_retention', priority: 0, create_at: createAt, start_at: createAt + 1000,
    last_activity_at: createAt + 61_000, status, progress: status === 'success' ? 100 : 0, data: { messages_deleted: '12' },
  };
}
