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

/** Facts about the server (context for reports; no rule depends on them yet). */
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
