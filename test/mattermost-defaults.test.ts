import { describe, it, expect } from 'vitest';
import {
  mattermostDefaults,
  SECRET_KEYS,
  SECRET_KEYS_MASKED_WHEN_NONEMPTY,
  SANITIZED_PLACEHOLDER,
  GENERATED_RANDOM_32,
  GENERATED_ON_UPDATE_KEYS,
  DERIVED_DEFAULTS,
  type ConfigValue,
} from '../src/model/mattermost/defaults.ts';

const fresh = mattermostDefaults(false);
const upd = mattermostDefaults(true);

function get(cfg: Record<string, Record<string, ConfigValue>>, path: string): ConfigValue | undefined {
  const [section, ...rest] = path.split('.');
  const sec = cfg[section ?? ''];
  if (sec === undefined) return undefined;
  return sec[rest.join('.')];
}

const REQUIRED_SECTIONS = [
  'ServiceSettings', 'TeamSettings', 'SqlSettings', 'LogSettings', 'ExperimentalAuditSettings',
  'PasswordSettings', 'FileSettings', 'EmailSettings', 'RateLimitSettings', 'PrivacySettings',
  'SupportSettings', 'AnnouncementSettings', 'GitLabSettings', 'GoogleSettings', 'Office365Settings',
  'OpenIdSettings', 'LdapSettings', 'ComplianceSettings', 'SamlSettings', 'ClusterSettings',
  'MetricsSettings', 'ExperimentalSettings', 'ElasticsearchSettings', 'DataRetentionSettings',
  'MessageExportSettings', 'PluginSettings', 'GuestAccountsSettings', 'ImageProxySettings',
  'ImportSettings', 'ExportSettings', 'CacheSettings', 'LocalizationSettings',
];

describe('mattermostDefaults: shape', () => {
  it('has every required section with keys', () => {
    for (const s of REQUIRED_SECTIONS) {
      expect(fresh[s], s).toBeTypeOf('object');
      expect(Object.keys(fresh[s] ?? {}).length, s).toBeGreaterThan(0);
    }
  });

  it('fresh and update tables have identical key sets', () => {
    expect(Object.keys(upd).sort()).toEqual(Object.keys(fresh).sort());
    for (const s of Object.keys(fresh)) {
      expect(Object.keys(upd[s] ?? {}).sort(), s).toEqual(Object.keys(fresh[s] ?? {}).sort());
    }
  });

  it('returns independent objects on every call', () => {
    const a = mattermostDefaults(false);
    const b = mattermostDefaults(false);
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
    expect(a.ServiceSettings).not.toBe(b.ServiceSettings);
    a.ServiceSettings!.EnableMultifactorAuthentication = true;
    (a.ServiceSettings!.TrustedProxyIPHeader as ConfigValue[]).push('X-Forwarded-For');
    const states = a.PluginSettings!.PluginStates as Record<string, Record<string, ConfigValue>>;
    states.playbooks!.Enable = false;
    const msg = a.MessageExportSettings!.GlobalRelaySettings as Record<string, ConfigValue>;
    msg.CustomerType = 'A10';
    expect(b.ServiceSettings!.EnableMultifactorAuthentication).toBe(false);
    expect(b.ServiceSettings!.TrustedProxyIPHeader).toEqual([]);
    expect((b.PluginSettings!.PluginStates as Record<string, Record<string, ConfigValue>>).playbooks).toEqual({ Enable: true });
    expect((b.MessageExportSettings!.GlobalRelaySettings as Record<string, ConfigValue>).CustomerType).toBe('A9');
    expect(mattermostDefaults(false)).toEqual(fresh);
  });
});

describe('mattermostDefaults: security-relevant values (config.go 004a635)', () => {
  it('MFA is off', () => {
    expect(get(fresh, 'ServiceSettings.EnableMultifactorAuthentication')).toBe(false);
    expect(get(fresh, 'ServiceSettings.EnforceMultifactorAuthentication')).toBe(false);
    expect(get(fresh, 'GuestAccountsSettings.EnforceMultifactorAuthentication')).toBe(false);
  });

  it('session lengths depend on isUpdate', () => {
    expect(get(fresh, 'ServiceSettings.SessionLengthWebInHours')).toBe(720);
    expect(get(upd, 'ServiceSettings.SessionLengthWebInHours')).toBe(4320);
    expect(get(fresh, 'ServiceSettings.SessionLengthMobileInHours')).toBe(720);
    expect(get(upd, 'ServiceSettings.SessionLengthMobileInHours')).toBe(4320);
    expect(get(fresh, 'ServiceSettings.SessionLengthSSOInHours')).toBe(720);
    expect(get(upd, 'ServiceSettings.SessionLengthSSOInHours')).toBe(720);
    expect(get(fresh, 'ServiceSettings.SessionLengthWebInDays')).toBe(30);
    expect(get(upd, 'ServiceSettings.SessionLengthWebInDays')).toBe(180);
    expect(get(fresh, 'ServiceSettings.SessionIdleTimeoutInMinutes')).toBe(43200);
    expect(get(fresh, 'ServiceSettings.SessionCacheInMinutes')).toBe(10);
  });

  it('isUpdate-dependent booleans', () => {
    expect(get(fresh, 'ServiceSettings.ExtendSessionLengthWithActivity')).toBe(true);
    expect(get(upd, 'ServiceSettings.ExtendSessionLengthWithActivity')).toBe(false);
    expect(get(fresh, 'ServiceSettings.TerminateSessionsOnPasswordChange')).toBe(true);
    expect(get(upd, 'ServiceSettings.TerminateSessionsOnPasswordChange')).toBe(false);
    expect(get(fresh, 'ServiceSettings.EnableEmailInvitations')).toBe(false);
    expect(get(upd, 'ServiceSettings.EnableEmailInvitations')).toBe(true);
    expect(get(fresh, 'ServiceSettings.EnableSVGs')).toBe(false);
    expect(get(upd, 'ServiceSettings.EnableSVGs')).toBe(true);
    expect(get(fresh, 'ServiceSettings.EnableLatex')).toBe(false);
    expect(get(upd, 'ServiceSettings.EnableLatex')).toBe(true);
    expect(get(fresh, 'EmailSettings.SendPushNotifications')).toBe(true);
    expect(get(upd, 'EmailSettings.SendPushNotifications')).toBe(false);
  });

  it('push notification server: test proxy only on fresh configs', () => {
    expect(get(fresh, 'EmailSettings.PushNotificationServer')).toBe('https://push-test.mattermost.com');
    expect(get(upd, 'EmailSettings.PushNotificationServer')).toBe('');
    expect(get(fresh, 'EmailSettings.PushNotificationContents')).toBe('full');
    expect(get(fresh, 'EmailSettings.EmailNotificationContentsType')).toBe('full');
  });

  it('database DSN ships with well-known credentials and TLS disabled', () => {
    const dsn = get(fresh, 'SqlSettings.DataSource');
    expect(dsn).toBe('postgres://mmuser:mostest@localhost/mattermost_test?sslmode=disable&connect_timeout=10&binary_parameters=yes');
    expect(String(dsn)).toContain('sslmode=disable');
    expect(get(fresh, 'SqlSettings.DriverName')).toBe('postgres');
    expect(get(fresh, 'SqlSettings.DataSourceReplicas')).toEqual([]);
    expect(get(fresh, 'SqlSettings.Trace')).toBe(false);
  });

  it('generated secrets: "" on fresh configs, random on update', () => {
    expect(get(fresh, 'SqlSettings.AtRestEncryptKey')).toBe('');
    expect(get(fresh, 'FileSettings.PublicLinkSalt')).toBe('');
    expect(get(upd, 'SqlSettings.AtRestEncryptKey')).toBe(GENERATED_RANDOM_32);
    expect(get(upd, 'FileSettings.PublicLinkSalt')).toBe(GENERATED_RANDOM_32);
    expect([...GENERATED_ON_UPDATE_KEYS].sort()).toEqual(['FileSettings.PublicLinkSalt', 'SqlSettings.AtRestEncryptKey']);
  });

  it('SAML signs with SHA-1 and does not sign requests', () => {
    expect(get(fresh, 'SamlSettings.SignatureAlgorithm')).toBe('RSAwithSHA1');
    expect(get(fresh, 'SamlSettings.CanonicalAlgorithm')).toBe('Canonical1.0');
    expect(get(fresh, 'SamlSettings.SignRequest')).toBe(false);
    expect(get(fresh, 'SamlSettings.Verify')).toBe(true);
    expect(get(fresh, 'SamlSettings.Encrypt')).toBe(true);
    expect(get(fresh, 'SamlSettings.LoginButtonText')).toBe('SAML');
  });

  it('password and brute-force policy', () => {
    expect(get(fresh, 'PasswordSettings.MinimumLength')).toBe(8);
    for (const k of ['Lowercase', 'Uppercase', 'Number', 'Symbol']) {
      expect(get(fresh, `PasswordSettings.${k}`), k).toBe(false);
    }
    expect(get(fresh, 'PasswordSettings.EnableForgotLink')).toBe(true);
    expect(get(fresh, 'ServiceSettings.MaximumLoginAttempts')).toBe(10);
    expect(get(fresh, 'RateLimitSettings.Enable')).toBe(false);
    expect(get(fresh, 'RateLimitSettings.VaryByRemoteAddr')).toBe(true);
    expect(get(fresh, 'ServiceSettings.TrustedProxyIPHeader')).toEqual([]);
  });

  it('file storage encryption and transport', () => {
    expect(get(fresh, 'FileSettings.AmazonS3SSE')).toBe(false);
    expect(get(fresh, 'FileSettings.AmazonS3SSL')).toBe(true);
    expect(get(fresh, 'FileSettings.ExportAmazonS3SSE')).toBe(false);
    expect(get(fresh, 'FileSettings.ExportAmazonS3SSL')).toBe(true);
    expect(get(fresh, 'FileSettings.AmazonS3Endpoint')).toBe('s3.amazonaws.com');
    expect(get(fresh, 'FileSettings.DriverName')).toBe('local');
    expect(get(fresh, 'FileSettings.EnablePublicLink')).toBe(false);
    expect(get(fresh, 'FileSettings.AmazonS3Trace')).toBe(false);
  });

  it('logging, diagnostics and audit', () => {
    expect(get(fresh, 'LogSettings.ConsoleLevel')).toBe('DEBUG');
    expect(get(fresh, 'LogSettings.FileLevel')).toBe('INFO');
    expect(get(fresh, 'LogSettings.EnableWebhookDebugging')).toBe(true);
    expect(get(fresh, 'LogSettings.EnableDiagnostics')).toBe(true);
    expect(get(fresh, 'LogSettings.EnableSentry')).toBe(true);
    expect(get(fresh, 'LogSettings.ConsoleJson')).toBe(true);
    expect(get(fresh, 'LogSettings.FileJson')).toBe(true);
    expect(get(fresh, 'LogSettings.AdvancedLoggingJSON')).toEqual({});
    expect(get(fresh, 'ExperimentalAuditSettings.FileEnabled')).toBe(false);
    expect(get(fresh, 'ExperimentalAuditSettings.FileMaxQueueSize')).toBe(1000);
    expect(get(fresh, 'ExperimentalAuditSettings.AdvancedLoggingJSON')).toEqual({});
    expect(get(fresh, 'MetricsSettings.Enable')).toBe(false);
    expect(get(fresh, 'MetricsSettings.ListenAddress')).toBe(':8067');
  });

  it('directory and transport security', () => {
    expect(get(fresh, 'LdapSettings.ConnectionSecurity')).toBe('');
    expect(get(fresh, 'LdapSettings.LdapPort')).toBe(389);
    expect(get(fresh, 'LdapSettings.SkipCertificateVerification')).toBe(false);
    expect(get(fresh, 'EmailSettings.ConnectionSecurity')).toBe('');
    expect(get(fresh, 'EmailSettings.EnableSMTPAuth')).toBe(false);
    expect(get(fresh, 'EmailSettings.SkipServerCertificateVerification')).toBe(false);
    expect(get(fresh, 'ServiceSettings.ConnectionSecurity')).toBe('');
    expect(get(fresh, 'ServiceSettings.ListenAddress')).toBe(':8065');
    expect(get(fresh, 'ServiceSettings.TLSStrictTransport')).toBe(false);
    expect(get(fresh, 'ServiceSettings.TLSMinVer')).toBe('1.2');
    expect(get(fresh, 'ClusterSettings.EnableExperimentalGossipEncryption')).toBe(false);
    expect(get(fresh, 'ClusterSettings.GossipPort')).toBe(8074);
    expect(get(fresh, 'ElasticsearchSettings.ConnectionURL')).toBe('http://localhost:9200');
    expect(get(fresh, 'ElasticsearchSettings.Username')).toBe('elastic');
    expect(get(fresh, 'ElasticsearchSettings.Password')).toBe('changeme');
    expect(get(fresh, 'ElasticsearchSettings.SkipTLSVerification')).toBe(false);
    expect(get(fresh, 'ElasticsearchSettings.BulkIndexingTimeWindowSeconds')).toBeNull();
  });

  it('sign-up, guests and segmentation', () => {
    expect(get(fresh, 'EmailSettings.EnableSignUpWithEmail')).toBe(true);
    expect(get(fresh, 'TeamSettings.EnableUserCreation')).toBe(true);
    expect(get(fresh, 'TeamSettings.EnableOpenServer')).toBe(false);
    expect(get(fresh, 'TeamSettings.RestrictDirectMessage')).toBe('any');
    expect(get(fresh, 'TeamSettings.TeammateNameDisplay')).toBe('username');
    expect(get(fresh, 'PrivacySettings.ShowEmailAddress')).toBe(true);
    expect(get(fresh, 'SupportSettings.CustomTermsOfServiceEnabled')).toBe(false);
    expect(get(fresh, 'GuestAccountsSettings.Enable')).toBe(false);
    expect(get(fresh, 'GuestAccountsSettings.AllowEmailAccounts')).toBe(true);
  });

  it('integrations and outbound surface', () => {
    for (const k of ['EnableIncomingWebhooks', 'EnableOutgoingWebhooks', 'EnableCommands', 'EnableOAuthServiceProvider', 'EnableLinkPreviews', 'EnableGifPicker']) {
      expect(get(fresh, `ServiceSettings.${k}`), k).toBe(true);
    }
    expect(get(fresh, 'ServiceSettings.EnableOutgoingOAuthConnections')).toBe(false);
    expect(get(fresh, 'ServiceSettings.EnablePostUsernameOverride')).toBe(false);
    expect(get(fresh, 'ServiceSettings.EnablePostIconOverride')).toBe(false);
    expect(get(fresh, 'ServiceSettings.EnableUserAccessTokens')).toBe(false);
    expect(get(fresh, 'ServiceSettings.EnableBotAccountCreation')).toBe(false);
    expect(get(fresh, 'ServiceSettings.DisableBotsWhenOwnerIsDeactivated')).toBe(true);
    expect(get(fresh, 'ServiceSettings.EnableInsecureOutgoingConnections')).toBe(false);
    expect(get(fresh, 'ServiceSettings.AllowedUntrustedInternalConnections')).toBe('');
    expect(get(fresh, 'ServiceSettings.AllowCorsFrom')).toBe('');
    expect(get(fresh, 'ServiceSettings.CorsAllowCredentials')).toBe(false);
    expect(get(fresh, 'ServiceSettings.EnableLocalMode')).toBe(false);
    expect(get(fresh, 'ServiceSettings.LocalModeSocketLocation')).toBe('/var/tmp/mattermost_local.socket');
    expect(get(fresh, 'ServiceSettings.EnableDeveloper')).toBe(false);
    expect(get(fresh, 'ServiceSettings.EnableTesting')).toBe(false);
    expect(get(fresh, 'ImageProxySettings.Enable')).toBe(false);
    expect(get(fresh, 'AnnouncementSettings.AdminNoticesEnabled')).toBe(true);
    expect(get(fresh, 'AnnouncementSettings.NoticesURL')).toBe('https://notices.mattermost.com/');
  });

  it('plugins: marketplace on, signatures off, playbooks/calls/nps enabled', () => {
    expect(get(fresh, 'PluginSettings.Enable')).toBe(true);
    expect(get(fresh, 'PluginSettings.EnableUploads')).toBe(false);
    expect(get(fresh, 'PluginSettings.EnableMarketplace')).toBe(true);
    expect(get(fresh, 'PluginSettings.EnableRemoteMarketplace')).toBe(true);
    expect(get(fresh, 'PluginSettings.RequirePluginSignature')).toBe(false);
    expect(get(fresh, 'PluginSettings.AllowInsecureDownloadURL')).toBe(false);
    expect(get(fresh, 'PluginSettings.MarketplaceURL')).toBe('https://api.integrations.mattermost.com');
    expect(get(fresh, 'PluginSettings.PluginStates')).toEqual({
      'com.mattermost.nps': { Enable: true },
      'com.mattermost.calls': { Enable: true },
      playbooks: { Enable: true },
    });
  });

  it('retention, export and compliance', () => {
    expect(get(fresh, 'DataRetentionSettings.EnableMessageDeletion')).toBe(false);
    expect(get(fresh, 'DataRetentionSettings.EnableFileDeletion')).toBe(false);
    expect(get(fresh, 'DataRetentionSettings.MessageRetentionDays')).toBe(365);
    expect(get(fresh, 'DataRetentionSettings.MessageRetentionHours')).toBe(0);
    expect(get(fresh, 'MessageExportSettings.EnableExport')).toBe(false);
    expect(get(fresh, 'MessageExportSettings.ExportFormat')).toBe('actiance');
    expect(get(fresh, 'ComplianceSettings.Enable')).toBe(false);
    expect(get(fresh, 'ComplianceSettings.EnableDaily')).toBe(false);
    expect(get(fresh, 'ImportSettings.RetentionDays')).toBe(30);
    expect(get(fresh, 'ExportSettings.RetentionDays')).toBe(30);
  });

  it('SSO endpoints', () => {
    expect(get(fresh, 'Office365Settings.AuthEndpoint')).toBe('https://login.microsoftonline.com/common/oauth2/v2.0/authorize');
    expect(get(fresh, 'Office365Settings.DirectoryId')).toBe('');
    expect(get(fresh, 'OpenIdSettings.Scope')).toBe('profile openid email');
    expect(get(fresh, 'OpenIdSettings.ButtonColor')).toBe('#145DBF');
    expect(get(fresh, 'GoogleSettings.Scope')).toBe('profile email');
    expect(get(fresh, 'GitLabSettings.Enable')).toBe(false);
    expect(get(fresh, 'GitLabSettings.Secret')).toBe('');
  });

  it('cache and localization', () => {
    expect(get(fresh, 'CacheSettings.CacheType')).toBe('lru');
    expect(get(fresh, 'CacheSettings.RedisPassword')).toBe('');
    expect(get(fresh, 'LocalizationSettings.DefaultServerLocale')).toBe('en');
    expect(get(fresh, 'LocalizationSettings.DefaultClientLocale')).toBe('en');
  });
});

describe('Sanitize() metadata', () => {
  it('placeholder is FakeSetting: 32 asterisks', () => {
    expect(SANITIZED_PLACEHOLDER).toBe('*'.repeat(32));
  });

  it('lists every masked key', () => {
    for (const k of [
      'SqlSettings.DataSource', 'SqlSettings.AtRestEncryptKey', 'SqlSettings.DataSourceReplicas',
      'SqlSettings.DataSourceSearchReplicas', 'SqlSettings.ReplicaLagSettings[].DataSource',
      'FileSettings.PublicLinkSalt', 'FileSettings.AmazonS3SecretAccessKey', 'EmailSettings.SMTPPassword',
      'LdapSettings.BindPassword', 'GitLabSettings.Secret', 'GoogleSettings.Secret', 'Office365Settings.Secret',
      'OpenIdSettings.Secret', 'ElasticsearchSettings.Password', 'ServiceSettings.SplitKey',
      'CacheSettings.RedisPassword', 'MessageExportSettings.GlobalRelaySettings.SMTPPassword',
    ]) {
      expect(SECRET_KEYS, k).toContain(k);
    }
    expect(SECRET_KEYS).toHaveLength(17);
    expect(new Set(SECRET_KEYS).size).toBe(SECRET_KEYS.length);
  });

  it('every secret key exists in the defaults table', () => {
    for (const k of SECRET_KEYS) {
      const [section, key, sub] = k.replace('[]', '').split('.');
      const sec = fresh[section ?? ''];
      expect(sec, k).toBeDefined();
      expect(key !== undefined && sec !== undefined && key in sec, k).toBe(true);
      if (sub !== undefined && section === 'MessageExportSettings') {
        expect(Object.keys(sec?.[key ?? ''] as Record<string, ConfigValue>), k).toContain(sub);
      }
    }
  });

  it('conditionally masked keys are a subset', () => {
    for (const k of SECRET_KEYS_MASKED_WHEN_NONEMPTY) expect(SECRET_KEYS, k).toContain(k);
    expect(SECRET_KEYS_MASKED_WHEN_NONEMPTY).not.toContain('SqlSettings.DataSource');
  });

  it('derived-default rules point at keys that exist', () => {
    for (const [k, d] of Object.entries(DERIVED_DEFAULTS)) {
      expect(get(fresh, k), k).not.toBeUndefined();
      for (const dep of d.dependsOn) expect(get(fresh, dep), `${k} <- ${dep}`).not.toBeUndefined();
    }
  });
});
