// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);

// src/model/mattermost/defaults.ts
var SANITIZED_PLACEHOLDER = "********************************";
var GENERATED_RANDOM_32 = "<generated: NewRandomString(32)>";
var SECRET_KEYS = [
  "LdapSettings.BindPassword",
  "FileSettings.PublicLinkSalt",
  "FileSettings.AmazonS3SecretAccessKey",
  "EmailSettings.SMTPPassword",
  "GitLabSettings.Secret",
  "GoogleSettings.Secret",
  "Office365Settings.Secret",
  "OpenIdSettings.Secret",
  "SqlSettings.DataSource",
  "SqlSettings.AtRestEncryptKey",
  "ElasticsearchSettings.Password",
  "SqlSettings.DataSourceReplicas",
  "SqlSettings.DataSourceSearchReplicas",
  "SqlSettings.ReplicaLagSettings[].DataSource",
  "MessageExportSettings.GlobalRelaySettings.SMTPPassword",
  "ServiceSettings.SplitKey",
  "CacheSettings.RedisPassword"
];
function mattermostDefaults(isUpdate) {
  const sessionDays = isUpdate ? 180 : 30;
  const sso = (scope, auth, token, userApi, buttonColor) => ({
    Enable: false,
    Secret: "",
    Id: "",
    Scope: scope,
    AuthEndpoint: auth,
    TokenEndpoint: token,
    UserAPIEndpoint: userApi,
    DiscoveryEndpoint: "",
    ButtonText: "",
    ButtonColor: buttonColor
  });
  return {
    ServiceSettings: {
      SiteURL: "",
      // "http://localhost:8065" only when EnableDeveloper is explicitly true
      WebsocketURL: "",
      LicenseFileLocation: "",
      ListenAddress: ":8065",
      ConnectionSecurity: "",
      TLSCertFile: "",
      TLSKeyFile: "",
      TLSMinVer: "1.2",
      TLSStrictTransport: false,
      TLSStrictTransportMaxAge: 63072e3,
      TLSOverwriteCiphers: [],
      UseLetsEncrypt: false,
      LetsEncryptCertificateCacheFile: "./config/letsencrypt.cache",
      Forward80To443: false,
      TrustedProxyIPHeader: [],
      ReadTimeout: 300,
      WriteTimeout: 300,
      IdleTimeout: 60,
      MaximumLoginAttempts: 10,
      GoroutineHealthThreshold: -1,
      EnableOAuthServiceProvider: true,
      EnableIncomingWebhooks: true,
      EnableOutgoingWebhooks: true,
      EnableOutgoingOAuthConnections: false,
      EnableCommands: true,
      OutgoingIntegrationRequestsTimeout: 30,
      EnablePostUsernameOverride: false,
      EnablePostIconOverride: false,
      GoogleDeveloperKey: "",
      EnableLinkPreviews: true,
      EnablePermalinkPreviews: true,
      RestrictLinkPreviews: "",
      EnableTesting: false,
      EnableDeveloper: false,
      DeveloperFlags: "",
      EnableClientPerformanceDebugging: false,
      EnableOpenTracing: false,
      EnableSecurityFixAlert: true,
      EnableInsecureOutgoingConnections: false,
      AllowedUntrustedInternalConnections: "",
      EnableMultifactorAuthentication: false,
      EnforceMultifactorAuthentication: false,
      EnableUserAccessTokens: false,
      AllowCorsFrom: "",
      CorsExposedHeaders: "",
      CorsAllowCredentials: false,
      CorsDebug: false,
      AllowCookiesForSubdomains: false,
      ExtendSessionLengthWithActivity: !isUpdate,
      // "must be manually enabled for existing installations"
      TerminateSessionsOnPasswordChange: !isUpdate,
      SessionLengthWebInDays: sessionDays,
      // deprecated
      SessionLengthWebInHours: sessionDays * 24,
      // 720 fresh / 4320 update
      SessionLengthMobileInDays: sessionDays,
      // deprecated
      SessionLengthMobileInHours: sessionDays * 24,
      // 720 fresh / 4320 update
      SessionLengthSSOInDays: 30,
      // deprecated
      SessionLengthSSOInHours: 720,
      SessionCacheInMinutes: 10,
      SessionIdleTimeoutInMinutes: 43200,
      WebsocketSecurePort: 443,
      WebsocketPort: 80,
      WebserverMode: "gzip",
      EnableGifPicker: true,
      GiphySdkKey: "",
      EnableCustomEmoji: true,
      EnableEmojiPicker: true,
      PostEditTimeLimit: -1,
      TimeBetweenUserTypingUpdatesMilliseconds: 5e3,
      EnablePostSearch: true,
      EnableFileSearch: true,
      MinimumHashtagLength: 3,
      EnableUserTypingMessages: true,
      EnableChannelViewedMessages: true,
      EnableUserStatuses: true,
      ExperimentalEnableAuthenticationTransfer: true,
      ClusterLogTimeoutMilliseconds: 2e3,
      EnableTutorial: true,
      EnableOnboardingFlow: true,
      ExperimentalEnableDefaultChannelLeaveJoinMessages: true,
      ExperimentalGroupUnreadChannels: "disabled",
      EnableAPITeamDeletion: false,
      EnableAPITriggerAdminNotifications: false,
      EnableAPIUserDeletion: false,
      ExperimentalEnableHardenedMode: false,
      ExperimentalStrictCSRFEnforcement: false,
      EnableEmailInvitations: isUpdate,
      // false on a clean install (no SiteURL), true otherwise
      DisableBotsWhenOwnerIsDeactivated: true,
      EnableBotAccountCreation: false,
      EnableSVGs: isUpdate,
      EnableLatex: isUpdate,
      EnableInlineLatex: true,
      PostPriority: true,
      AllowPersistentNotifications: true,
      AllowPersistentNotificationsForGuests: false,
      PersistentNotificationIntervalMinutes: 5,
      PersistentNotificationMaxCount: 6,
      PersistentNotificationMaxRecipients: 5,
      EnableAPIChannelDeletion: false,
      EnableLocalMode: false,
      LocalModeSocketLocation: "/var/tmp/mattermost_local.socket",
      EnableAWSMetering: false,
      SplitKey: "",
      FeatureFlagSyncIntervalSeconds: 30,
      DebugSplit: false,
      ThreadAutoFollow: true,
      CollapsedThreads: "always_on",
      ManagedResourcePaths: "",
      EnableCustomGroups: true,
      AllowSyncedDrafts: true,
      UniqueEmojiReactionLimitPerPost: 50,
      RefreshPostStatsRunTime: "00:00",
      MaximumPayloadSizeBytes: 3e5,
      MaximumURLLength: 2048
    },
    TeamSettings: {
      SiteName: "Mattermost",
      MaxUsersPerTeam: 50,
      EnableJoinLeaveMessageByDefault: true,
      EnableUserCreation: true,
      EnableOpenServer: false,
      EnableUserDeactivation: false,
      RestrictCreationToDomains: "",
      EnableCustomUserStatuses: true,
      EnableCustomBrand: false,
      CustomBrandText: "",
      CustomDescriptionText: "",
      RestrictDirectMessage: "any",
      EnableLastActiveTime: true,
      UserStatusAwayTimeout: 300,
      MaxChannelsPerTeam: 2e3,
      MaxNotificationsPerChannel: 1e3,
      EnableConfirmNotificationsToChannel: true,
      TeammateNameDisplay: "username",
      // set in Config.SetDefaults; "full_name" when SAML or LDAP enabled
      ExperimentalViewArchivedChannels: true,
      ExperimentalEnableAutomaticReplies: false,
      LockTeammateNameDisplay: false,
      ExperimentalPrimaryTeam: "",
      ExperimentalDefaultChannels: []
    },
    ClientRequirements: {
      // plain string fields, no SetDefaults: Go zero values
      AndroidLatestVersion: "",
      AndroidMinVersion: "",
      IosLatestVersion: "",
      IosMinVersion: ""
    },
    SqlSettings: {
      DriverName: "postgres",
      DataSource: "postgres://mmuser:mostest@localhost/mattermost_test?sslmode=disable&connect_timeout=10&binary_parameters=yes",
      DataSourceReplicas: [],
      DataSourceSearchReplicas: [],
      MaxIdleConns: 20,
      ConnMaxLifetimeMilliseconds: 36e5,
      ConnMaxIdleTimeMilliseconds: 3e5,
      MaxOpenConns: 300,
      Trace: false,
      // Fresh: forced to "" ("generated on server start"). Update: random 32 chars when missing/"".
      AtRestEncryptKey: isUpdate ? GENERATED_RANDOM_32 : "",
      QueryTimeout: 30,
      DisableDatabaseSearch: false,
      MigrationsStatementTimeoutSeconds: 1e5,
      ReplicaLagSettings: [],
      // entries: { DataSource, QueryAbsoluteLag, QueryTimeLag } (no defaults)
      ReplicaMonitorIntervalSeconds: 5
    },
    LogSettings: {
      EnableConsole: true,
      ConsoleLevel: "DEBUG",
      ConsoleJson: true,
      EnableColor: false,
      EnableFile: true,
      FileLevel: "INFO",
      FileJson: true,
      FileLocation: "",
      EnableWebhookDebugging: true,
      EnableDiagnostics: true,
      VerboseDiagnostics: false,
      EnableSentry: true,
      // = EnableDiagnostics
      AdvancedLoggingJSON: {},
      MaxFieldSize: 2048
    },
    ExperimentalAuditSettings: {
      FileEnabled: false,
      FileName: "",
      FileMaxSizeMB: 100,
      FileMaxAgeDays: 0,
      // no age limit
      FileMaxBackups: 0,
      // no backup-count limit
      FileCompress: false,
      FileMaxQueueSize: 1e3,
      AdvancedLoggingJSON: {}
    },
    NotificationLogSettings: {
      EnableConsole: true,
      ConsoleLevel: "DEBUG",
      ConsoleJson: true,
      EnableColor: false,
      EnableFile: true,
      FileLevel: "INFO",
      FileJson: true,
      FileLocation: "",
      AdvancedLoggingJSON: {}
    },
    PasswordSettings: {
      MinimumLength: 8,
      // valid range 5..72
      Lowercase: false,
      Number: false,
      Uppercase: false,
      Symbol: false,
      EnableForgotLink: true
    },
    FileSettings: {
      EnableFileAttachments: true,
      EnableMobileUpload: true,
      EnableMobileDownload: true,
      MaxFileSize: 104857600,
      // 100 MiB
      MaxImageResolution: 33177600,
      // 7680 x 4320
      MaxImageDecoderConcurrency: -1,
      // NumCPU
      DriverName: "local",
      Directory: "./data/",
      EnablePublicLink: false,
      ExtractContent: true,
      ArchiveRecursion: false,
      // Fresh: forced to "". Update: random 32 chars when missing/"".
      PublicLinkSalt: isUpdate ? GENERATED_RANDOM_32 : "",
      InitialFont: "nunito-bold.ttf",
      AmazonS3AccessKeyId: "",
      AmazonS3SecretAccessKey: "",
      AmazonS3Bucket: "",
      AmazonS3PathPrefix: "",
      AmazonS3Region: "",
      AmazonS3Endpoint: "s3.amazonaws.com",
      AmazonS3SSL: true,
      // "Secure by default"
      AmazonS3SignV2: false,
      AmazonS3SSE: false,
      // "Not Encrypted by default"
      AmazonS3Trace: false,
      AmazonS3RequestTimeoutMilliseconds: 3e4,
      AmazonS3UploadPartSizeBytes: 5242880,
      // 5 MiB
      DedicatedExportStore: false,
      ExportDriverName: "local",
      ExportDirectory: "./data/",
      ExportAmazonS3AccessKeyId: "",
      ExportAmazonS3SecretAccessKey: "",
      ExportAmazonS3Bucket: "",
      ExportAmazonS3PathPrefix: "",
      ExportAmazonS3Region: "",
      ExportAmazonS3Endpoint: "s3.amazonaws.com",
      ExportAmazonS3SSL: true,
      ExportAmazonS3SignV2: false,
      ExportAmazonS3SSE: false,
      ExportAmazonS3Trace: false,
      ExportAmazonS3RequestTimeoutMilliseconds: 3e4,
      ExportAmazonS3PresignExpiresSeconds: 21600,
      // 6 h
      ExportAmazonS3UploadPartSizeBytes: 104857600
      // 100 MiB
    },
    EmailSettings: {
      EnableSignUpWithEmail: true,
      EnableSignInWithEmail: true,
      // = EnableSignUpWithEmail
      EnableSignInWithUsername: true,
      SendEmailNotifications: true,
      UseChannelInEmailNotifications: false,
      RequireEmailVerification: false,
      FeedbackName: "",
      FeedbackEmail: "test@example.com",
      ReplyToAddress: "test@example.com",
      FeedbackOrganization: "",
      EnableSMTPAuth: false,
      // false when ConnectionSecurity is absent/"", true otherwise
      SMTPUsername: "",
      SMTPPassword: "",
      SMTPServer: "localhost",
      SMTPPort: "10025",
      SMTPServerTimeout: 10,
      ConnectionSecurity: "",
      // "PLAIN" is rewritten to ""
      SendPushNotifications: !isUpdate,
      PushNotificationServer: isUpdate ? "" : "https://push-test.mattermost.com",
      PushNotificationContents: "full",
      PushNotificationBuffer: 1e3,
      EnableEmailBatching: false,
      EmailBatchingBufferSize: 256,
      EmailBatchingInterval: 30,
      EnablePreviewModeBanner: true,
      SkipServerCertificateVerification: false,
      EmailNotificationContentsType: "full",
      LoginButtonColor: "#0000",
      LoginButtonBorderColor: "#2389D7",
      LoginButtonTextColor: "#2389D7"
    },
    RateLimitSettings: {
      Enable: false,
      PerSec: 10,
      MaxBurst: 100,
      MemoryStoreSize: 1e4,
      VaryByRemoteAddr: true,
      VaryByUser: false,
      VaryByHeader: ""
      // plain string field, not set by SetDefaults: Go zero value
    },
    PrivacySettings: {
      ShowEmailAddress: true,
      ShowFullName: true
    },
    SupportSettings: {
      TermsOfServiceLink: "https://mattermost.com/pl/terms-of-use/",
      PrivacyPolicyLink: "https://mattermost.com/pl/privacy-policy/",
      AboutLink: "https://mattermost.com/pl/about-mattermost",
      HelpLink: "https://mattermost.com/pl/help/",
      ReportAProblemLink: "https://mattermost.com/pl/report-a-bug",
      ForgotPasswordLink: "",
      SupportEmail: "",
      CustomTermsOfServiceEnabled: false,
      CustomTermsOfServiceReAcceptancePeriod: 365,
      EnableAskCommunityLink: true
    },
    AnnouncementSettings: {
      EnableBanner: false,
      BannerText: "",
      BannerColor: "#f2a93b",
      BannerTextColor: "#333333",
      AllowBannerDismissal: true,
      AdminNoticesEnabled: true,
      UserNoticesEnabled: true,
      NoticesURL: "https://notices.mattermost.com/",
      NoticesFetchFrequency: 3600,
      NoticesSkipCache: false
    },
    ThemeSettings: {
      EnableThemeSelection: true,
      DefaultTheme: "default",
      AllowCustomThemes: true,
      AllowedThemes: []
    },
    GitLabSettings: sso("", "", "", "", ""),
    GoogleSettings: sso(
      "profile email",
      "https://accounts.google.com/o/oauth2/v2/auth",
      "https://www.googleapis.com/oauth2/v4/token",
      "https://people.googleapis.com/v1/people/me?personFields=names,emailAddresses,nicknames,metadata",
      ""
    ),
    Office365Settings: {
      Enable: false,
      Secret: "",
      Id: "",
      Scope: "User.Read",
      AuthEndpoint: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
      TokenEndpoint: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
      UserAPIEndpoint: "https://graph.microsoft.com/v1.0/me",
      DiscoveryEndpoint: "",
      DirectoryId: ""
    },
    OpenIdSettings: sso("profile openid email", "", "", "", "#145DBF"),
    LdapSettings: {
      Enable: false,
      EnableSync: false,
      // = Enable
      LdapServer: "",
      LdapPort: 389,
      ConnectionSecurity: "",
      BaseDN: "",
      BindUsername: "",
      BindPassword: "",
      UserFilter: "",
      GroupFilter: "",
      GuestFilter: "",
      EnableAdminFilter: false,
      AdminFilter: "",
      GroupDisplayNameAttribute: "",
      GroupIdAttribute: "",
      FirstNameAttribute: "",
      LastNameAttribute: "",
      EmailAttribute: "",
      UsernameAttribute: "",
      NicknameAttribute: "",
      IdAttribute: "",
      PositionAttribute: "",
      LoginIdAttribute: "",
      // = IdAttribute
      PictureAttribute: "",
      SyncIntervalMinutes: 60,
      SkipCertificateVerification: false,
      PublicCertificateFile: "",
      PrivateKeyFile: "",
      QueryTimeout: 60,
      MaxPageSize: 0,
      LoginFieldName: "",
      LoginButtonColor: "#0000",
      LoginButtonBorderColor: "#2389D7",
      LoginButtonTextColor: "#2389D7"
    },
    ComplianceSettings: {
      Enable: false,
      Directory: "./data/",
      EnableDaily: false,
      BatchSize: 3e4
    },
    LocalizationSettings: {
      DefaultServerLocale: "en",
      DefaultClientLocale: "en",
      AvailableLocales: ""
    },
    SamlSettings: {
      Enable: false,
      EnableSyncWithLdap: false,
      EnableSyncWithLdapIncludeAuth: false,
      IgnoreGuestsLdapSync: false,
      Verify: true,
      Encrypt: true,
      SignRequest: false,
      IdpURL: "",
      IdpDescriptorURL: "",
      IdpMetadataURL: "",
      ServiceProviderIdentifier: "",
      // = IdpDescriptorURL
      AssertionConsumerServiceURL: "",
      SignatureAlgorithm: "RSAwithSHA1",
      CanonicalAlgorithm: "Canonical1.0",
      ScopingIDPProviderId: "",
      ScopingIDPName: "",
      IdpCertificateFile: "",
      PublicCertificateFile: "",
      PrivateKeyFile: "",
      IdAttribute: "",
      GuestAttribute: "",
      EnableAdminAttribute: false,
      AdminAttribute: "",
      FirstNameAttribute: "",
      LastNameAttribute: "",
      EmailAttribute: "",
      UsernameAttribute: "",
      NicknameAttribute: "",
      LocaleAttribute: "",
      PositionAttribute: "",
      LoginButtonText: "SAML",
      LoginButtonColor: "#34a28b",
      LoginButtonBorderColor: "#2389D7",
      LoginButtonTextColor: "#ffffff"
    },
    NativeAppSettings: {
      AppCustomURLSchemes: ["mmauth://", "mmauthbeta://"],
      AppDownloadLink: "https://mattermost.com/pl/download-apps",
      AndroidAppDownloadLink: "https://mattermost.com/pl/android-app/",
      IosAppDownloadLink: "https://mattermost.com/pl/ios-app/"
    },
    CacheSettings: {
      CacheType: "lru",
      RedisAddress: "",
      RedisPassword: "",
      RedisDB: -1,
      DisableClientCache: false
    },
    ClusterSettings: {
      Enable: false,
      ClusterName: "",
      OverrideHostname: "",
      NetworkInterface: "",
      BindAddress: "",
      AdvertiseAddress: "",
      UseIPAddress: true,
      EnableGossipCompression: true,
      EnableExperimentalGossipEncryption: false,
      ReadOnlyConfig: true,
      GossipPort: 8074
    },
    MetricsSettings: {
      Enable: false,
      BlockProfileRate: 0,
      ListenAddress: ":8067",
      EnableClientMetrics: true,
      EnableNotificationMetrics: true
    },
    ExperimentalSettings: {
      ClientSideCertEnable: false,
      ClientSideCertCheck: "secondary",
      LinkMetadataTimeoutMilliseconds: 5e3,
      RestrictSystemAdmin: false,
      EnableSharedChannels: false,
      // deprecated: ConnectedWorkspacesSettings
      EnableRemoteClusterService: false,
      // deprecated: ConnectedWorkspacesSettings
      DisableAppBar: false,
      DisableRefetchingOnBrowserFocus: false,
      DelayChannelAutocomplete: false,
      DisableWakeUpReconnectHandler: false,
      UsersStatusAndProfileFetchingPollIntervalMilliseconds: 3e3,
      YoutubeReferrerPolicy: false
    },
    AnalyticsSettings: {
      MaxUsersForStatistics: 2500
    },
    ElasticsearchSettings: {
      ConnectionURL: "http://localhost:9200",
      Backend: "elasticsearch",
      Username: "elastic",
      Password: "changeme",
      EnableIndexing: false,
      EnableSearching: false,
      EnableAutocomplete: false,
      Sniff: true,
      PostIndexReplicas: 1,
      PostIndexShards: 1,
      ChannelIndexReplicas: 1,
      ChannelIndexShards: 1,
      UserIndexReplicas: 1,
      UserIndexShards: 1,
      AggregatePostsAfterDays: 365,
      PostsAggregatorJobStartTime: "03:00",
      IndexPrefix: "",
      LiveIndexingBatchSize: 10,
      BulkIndexingTimeWindowSeconds: null,
      // left nil by SetDefaults (json omitempty)
      BatchSize: 1e4,
      RequestTimeoutSeconds: 30,
      SkipTLSVerification: false,
      CA: "",
      ClientCert: "",
      ClientKey: "",
      Trace: "",
      IgnoredPurgeIndexes: ""
    },
    BleveSettings: {
      IndexDir: "",
      EnableIndexing: false,
      EnableSearching: false,
      EnableAutocomplete: false,
      BulkIndexingTimeWindowSeconds: null,
      // left nil by SetDefaults (json omitempty)
      BatchSize: 1e4
    },
    DataRetentionSettings: {
      EnableMessageDeletion: false,
      EnableFileDeletion: false,
      EnableBoardsDeletion: false,
      MessageRetentionDays: 365,
      // deprecated: MessageRetentionHours
      MessageRetentionHours: 0,
      FileRetentionDays: 365,
      // deprecated: FileRetentionHours
      FileRetentionHours: 0,
      BoardsRetentionDays: 365,
      DeletionJobStartTime: "02:00",
      BatchSize: 3e3,
      TimeBetweenBatchesMilliseconds: 100,
      RetentionIdsBatchSize: 100
    },
    MessageExportSettings: {
      EnableExport: false,
      ExportFormat: "actiance",
      DailyRunTime: "01:00",
      ExportFromTimestamp: 0,
      BatchSize: 1e4,
      DownloadExportResults: false,
      GlobalRelaySettings: {
        CustomerType: "A9",
        SMTPUsername: "",
        SMTPPassword: "",
        EmailAddress: "",
        SMTPServerTimeout: 1800,
        CustomSMTPServerName: "",
        CustomSMTPPort: "25"
      }
    },
    JobSettings: {
      RunJobs: true,
      RunScheduler: true,
      CleanupJobsThresholdDays: -1,
      CleanupConfigThresholdDays: -1
    },
    PluginSettings: {
      Enable: true,
      EnableUploads: false,
      AllowInsecureDownloadURL: false,
      EnableHealthCheck: true,
      Directory: "./plugins",
      ClientDirectory: "./client/plugins",
      Plugins: {},
      PluginStates: {
        // NPS: enabled unless LogSettings.EnableDiagnostics is explicitly false.
        "com.mattermost.nps": { Enable: true },
        "com.mattermost.calls": { Enable: true },
        playbooks: { Enable: true }
      },
      EnableMarketplace: true,
      EnableRemoteMarketplace: true,
      AutomaticPrepackagedPlugins: true,
      RequirePluginSignature: false,
      MarketplaceURL: "https://api.integrations.mattermost.com",
      // old marketplace URL is rewritten to this
      SignaturePublicKeyFiles: [],
      ChimeraOAuthProxyURL: ""
    },
    DisplaySettings: {
      CustomURLSchemes: [],
      MaxMarkdownNodes: 0
    },
    GuestAccountsSettings: {
      Enable: false,
      HideTags: false,
      AllowEmailAccounts: true,
      EnforceMultifactorAuthentication: false,
      RestrictCreationToDomains: ""
    },
    ImageProxySettings: {
      Enable: false,
      ImageProxyType: "local",
      RemoteImageProxyURL: "",
      RemoteImageProxyOptions: ""
    },
    ImportSettings: {
      Directory: "./import",
      RetentionDays: 30
    },
    ExportSettings: {
      Directory: "./export",
      RetentionDays: 30
    },
    WranglerSettings: {
      PermittedWranglerRoles: [],
      AllowedEmailDomain: [],
      MoveThreadMaxCount: 100,
      MoveThreadToAnotherTeamEnable: false,
      MoveThreadFromPrivateChannelEnable: false,
      MoveThreadFromDirectMessageChannelEnable: false,
      MoveThreadFromGroupMessageChannelEnable: false
    },
    ConnectedWorkspacesSettings: {
      EnableSharedChannels: false,
      // on update inherits ExperimentalSettings.EnableSharedChannels
      EnableRemoteClusterService: false,
      // on update inherits ExperimentalSettings.EnableRemoteClusterService
      DisableSharedChannelsStatusSync: false
    }
  };
}

export {
  SANITIZED_PLACEHOLDER,
  GENERATED_RANDOM_32,
  SECRET_KEYS,
  mattermostDefaults
};
