/**
 * What only a running Mattermost server can tell: its accounts and personal access tokens, and
 * facts about the server itself. Read by `src/collectors/mattermost-live/collect.ts`.
 *
 * Never in the model: e-mail addresses (only their domain), token values, password or MFA
 * secrets. Objects carry a model `id` that includes the server host, because an OOB instance
 * seeded from a production backup has the same Mattermost ids as production.
 */
import type { ModelObject } from './provenance.ts';

export interface MattermostUser extends ModelObject {
  kind: 'MattermostUser';
  /** `username`. */
  name: string;
  /** Host (and port) of the server the user was read from. */
  server: string;
  /** Mattermost user id (26 characters). */
  userId: string;
  username: string;
  /** Domain of the e-mail address, lower-case; null when the API did not return an address. */
  emailDomain: string | null;
  /** `""` for e-mail/password, else `ldap`, `saml`, `gitlab`, `google`, `office365`, `openid`. */
  authService: string;
  mfaActive: boolean;
  /** 0 for an active account, else the deactivation time (ms since the epoch). */
  deleteAt: number;
  /** `roles` split on spaces: `system_user`, `system_admin`, `system_read_only_admin`, … */
  roles: string[];
  isBot: boolean;
}

export interface MattermostAccessToken extends ModelObject {
  kind: 'MattermostAccessToken';
  /** The token's description (what the owner typed when creating it). */
  name: string;
  server: string;
  /** Mattermost token id (not the token value, which the model never holds). */
  tokenId: string;
  userId: string;
  /** Username of the owner when the user list was read, else null. */
  ownerUsername: string | null;
  description: string;
  isActive: boolean;
  /** Expiry in ms since the epoch; 0 = never; null when the server does not expose it. */
  expiresAt: number | null;
}

/**
 * The server's global data-retention policy (`GET /api/v4/data_retention/policy`) and its newest
 * data-retention jobs (`GET /api/v4/jobs/type/data_retention`): whether deletion really runs, not
 * just what `DataRetentionSettings` says. Data retention is an Enterprise feature: without it the
 * server answers 501 and deletes nothing.
 */
export interface MattermostDataRetention extends ModelObject {
  kind: 'MattermostDataRetention';
  /** The server host. */
  name: string;
  server: string;
  /** The server runs data retention (false: it answered 501 Not Implemented — no licence for the feature). */
  available: boolean;
  /** `message_deletion_enabled`, `file_deletion_enabled`. */
  messageDeletionEnabled: boolean;
  fileDeletionEnabled: boolean;
  /**
   * How long messages / files are kept, in hours: the policy's `message_retention_cutoff` /
   * `file_retention_cutoff` (ms since the epoch: now − retention) measured from when it was read;
   * null when deletion is off — or, marked unknown, when deletion is on and the cutoff is missing,
   * zero or not a number.
   */
  messageRetentionHours: number | null;
  fileRetentionHours: number | null;
  /** Status of the newest data-retention job (`success`, `error`, `pending`, …); null when none ran. */
  lastJobStatus: string | null;
  /** When the newest successful data-retention job finished (ISO 8601); null when none is listed. */
  lastSuccessAt: string | null;
}

/** Facts about the server (`mattermost.servers`): what it runs, and the object server-wide rules judge. */
export interface MattermostServerInfo {
  /** Host (and port) of the server. */
  server: string;
  /** From the `X-Version-Id` response header (`10.5.1`), null when absent. */
  version: string | null;
  buildNumber: string | null;
  /** `GET /api/v4/system/ping?get_server_status=true` → `status` (`OK`). */
  status: string | null;
  /** Licence: `IsLicensed` and `SkuShortName` from `GET /api/v4/license/client?format=old` (else `X-Version-Id`'s last field). */
  licensed: boolean | null;
  sku: string | null;
  /** `Section.Key` of every setting the server's environment overrides (`GET /api/v4/config/environment`), null when not read. */
  environmentKeys: string[] | null;
}

/** One live Mattermost server (`mattermost.servers`); its accounts are `mattermost.users` with the same `server`. */
export interface MattermostServer extends ModelObject, MattermostServerInfo {
  kind: 'MattermostServer';
  /** The server host. */
  name: string;
}
