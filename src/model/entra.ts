/**
 * Microsoft Entra ID as Microsoft Graph v1.0 shows it: the tenant (organization) with its security
 * defaults, the Mattermost app registration, the accounts of the declared IR roster and
 * break-glass subjects, and the roster's MFA registration. Conditional Access policies are in
 * azure-compute.ts (Terraform's azuread resources fill them too). Filled by the live Graph
 * collector (src/collectors/graph-live) only; field names are Graph's. Every object carries the
 * tenant it was read in, so rules join within one tenant.
 */
import type { ConditionalAccessPolicy } from './azure-compute.ts';
import type { CloudObject } from './cloud.ts';

/** One tenant read through Graph: `GET /organization` and `GET /policies/identitySecurityDefaultsEnforcementPolicy`. */
export interface EntraOrganization extends CloudObject {
  kind: 'EntraOrganization';
  /** The tenant the scan asked tokens for (the tenant of a scanned subscription, `--tenant`, or `environment.oob.entraTenantId`). */
  tenantId: string;
  /** `GET /organization` → `value[0].id`: the tenant that really answered. */
  organizationId: string;
  /** `value[0].displayName`. */
  displayName: string;
  /** `value[0].verifiedDomains[].name`. */
  verifiedDomains: string[];
  /** Scanned subscriptions that live in this tenant (their `tenantId`); empty when read only for `--tenant` or the declaration. */
  subscriptionIds: string[];
  /** `identitySecurityDefaultsEnforcementPolicy.isEnabled`: the baseline that requires MFA registration and MFA for admins and risky sign-ins. */
  securityDefaultsEnabled: boolean;
  /**
   * How many Conditional Access policies `GET /identity/conditionalAccess/policies` returned (the
   * policies are in `azure.entra.conditionalAccessPolicies` with this `tenantId`). Unknown when the
   * list could not be read — unless security defaults are on: Entra ID enables no Conditional
   * Access policy while they are, so the list cannot change a verdict then.
   */
  conditionalAccessPolicyCount: number;
}

/** An account the environment declaration names, looked up with `GET /users/{userPrincipalName}`. */
export interface EntraUser extends CloudObject {
  kind: 'EntraUser';
  tenantId: string;
  /** The name as declared (a UPN; matched case-insensitively). */
  lookup: string;
  /** Which declarations name it: `irRoster`, `breakGlassSubjects`. */
  declaredAs: string[];
  /** The account exists in the tenant (false on 404 `Request_ResourceNotFound`). */
  exists: boolean;
  /** Graph `id` (object id); "" when it does not exist. */
  userId: string;
  userPrincipalName: string;
  displayName: string;
  /** `accountEnabled`; false when the account does not exist. */
  accountEnabled: boolean;
  /** `Member` or `Guest`. */
  userType: string;
}

/** The app registration Mattermost signs users in with, looked up with `GET /applications?$filter=appId eq '{id}'`. */
export interface EntraApplication extends CloudObject {
  kind: 'EntraApplication';
  tenantId: string;
  /** The client id a Mattermost configuration names (`OpenIdSettings.Id`, `Office365Settings.Id`). */
  appId: string;
  /** Where it is configured: `OpenIdSettings`, `Office365Settings`. */
  configuredIn: string[];
  /** The registration exists in this tenant (the filter returned one application). */
  registered: boolean;
  /** The application's object `id`, `displayName`, `signInAudience` ("" when not registered). */
  objectId: string;
  displayName: string;
  /** `AzureADMyOrg` (this tenant only), `AzureADMultipleOrgs`, `AzureADandPersonalMicrosoftAccount`, `PersonalMicrosoftAccount`. */
  signInAudience: string;
}

/**
 * A roster user's entry in `GET /reports/authenticationMethods/userRegistrationDetails`. Only the
 * users of `environment.oob.irRoster` are kept (the report lists every user of the tenant); a roster
 * user the report does not list is kept with its MFA fields unknown.
 */
export interface EntraUserRegistration extends CloudObject {
  kind: 'EntraUserRegistration';
  tenantId: string;
  /** Graph `id` of the user ("" when the report does not list them). */
  userId: string;
  userPrincipalName: string;
  userDisplayName: string;
  /** `member` or `guest`. */
  userType: string;
  /** Holds an Entra admin role. */
  isAdmin: boolean;
  /** Has registered a strong authentication method for MFA. */
  isMfaRegistered: boolean;
  /** Registered a method the authentication methods policy allows for MFA. */
  isMfaCapable: boolean;
  isPasswordlessCapable: boolean;
  /** `methodsRegistered`: `microsoftAuthenticatorPush`, `fido2`, `windowsHelloForBusiness`, `mobilePhone`, … */
  methodsRegistered: string[];
  /** When the report last refreshed this entry (ISO 8601). */
  lastUpdatedDateTime: string;
}

export interface EntraCollections {
  /** Terraform `azuread_conditional_access_policy` and live `GET /identity/conditionalAccess/policies`. */
  conditionalAccessPolicies: ConditionalAccessPolicy[];
  organizations: EntraOrganization[];
  users: EntraUser[];
  applications: EntraApplication[];
  userRegistrationDetails: EntraUserRegistration[];
}

export function emptyEntra(): EntraCollections {
  return { conditionalAccessPolicies: [], organizations: [], users: [], applications: [], userRegistrationDetails: [] };
}
