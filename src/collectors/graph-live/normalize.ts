/**
 * Graph v1.0 JSON → the model's Entra objects (src/model/entra.ts, and conditional access in
 * azure-compute.ts, the shape Terraform's azuread adapter fills). Pure: the collector hands over
 * what Graph returned; values of the wrong type read as empty, never as a pass.
 *
 * Provenance: origin `live`, no Terraform address, `resourceId` = the Graph path of the object
 * (`/identity/conditionalAccess/policies/{id}`), source `oobguard-live/graph/<tenant>` with that
 * path as ref.
 */
import type { ConditionalAccessPolicy } from '../../model/azure-compute.ts';
import type { CloudObject } from '../../model/cloud.ts';
import type { EntraApplication, EntraUser, EntraUserRegistration } from '../../model/entra.ts';
import { setUnknown } from '../../model/provenance.ts';
import { obj, str, strs } from '../live/json.ts';
import type { GraphObject } from './client.ts';

export function graphBase(tenantId: string, kind: string, name: string, path: string): CloudObject {
  return {
    id: `graph/${tenantId}${path}`, kind, name,
    source: { file: `oobguard-live/graph/${tenantId}`, line: 1, ref: path },
    address: '', resourceId: path, providerKey: 'azuread', origin: 'live', module: '', tags: {},
  };
}

/** `conditionalAccessPolicy` → the model's ConditionalAccessPolicy (a condition Graph sends as null is absent: [] / ""). */
export function conditionalAccessPolicy(tenantId: string, p: GraphObject): ConditionalAccessPolicy {
  const id = str(p['id']);
  const displayName = str(p['displayName']);
  const conditions = obj(p['conditions']);
  const users = obj(conditions['users']);
  const apps = obj(conditions['applications']);
  const locations = obj(conditions['locations']);
  const platforms = obj(conditions['platforms']);
  const filter = obj(obj(conditions['devices'])['deviceFilter']);
  const grant = obj(p['grantControls']);
  const strength = obj(grant['authenticationStrength']);
  const policy: ConditionalAccessPolicy = {
    ...graphBase(tenantId, 'ConditionalAccessPolicy', displayName || id, `/identity/conditionalAccess/policies/${id}`),
    kind: 'ConditionalAccessPolicy', tenantId, displayName, state: str(p['state']),
    conditions: {
      users: {
        includeUsers: strs(users['includeUsers']), excludeUsers: strs(users['excludeUsers']), includeGroups: strs(users['includeGroups']),
        excludeGroups: strs(users['excludeGroups']), includeRoles: strs(users['includeRoles']), excludeRoles: strs(users['excludeRoles']),
        excludeGuestsOrExternalUsers: str(obj(users['excludeGuestsOrExternalUsers'])['guestOrExternalUserTypes']).split(',').map((t) => t.trim()).filter((t) => t !== '' && t !== 'none'),
      },
      applications: { includeApplications: strs(apps['includeApplications']), excludeApplications: strs(apps['excludeApplications']) },
      clientAppTypes: strs(conditions['clientAppTypes']),
      locations: { includeLocations: strs(locations['includeLocations']), excludeLocations: strs(locations['excludeLocations']) },
      platforms: { includePlatforms: strs(platforms['includePlatforms']), excludePlatforms: strs(platforms['excludePlatforms']) },
      userRiskLevels: strs(conditions['userRiskLevels']), signInRiskLevels: strs(conditions['signInRiskLevels']),
      deviceFilter: { mode: str(filter['mode']), rule: str(filter['rule']) },
    },
    // A policy with session controls only has `grantControls: null`: it grants nothing.
    grantControls: {
      operator: str(grant['operator']), builtInControls: strs(grant['builtInControls']),
      authenticationStrength: str(strength['id']) !== '' ? { id: str(strength['id']) } : null,
    },
  };
  // Graph always sends clientAppTypes (at least ["all"]): without it, which sign-ins the policy covers is not known.
  if (!Array.isArray(conditions['clientAppTypes'])) setUnknown(policy, 'conditions.clientAppTypes', `Conditional Access policy ${id}: Graph returned no conditions.clientAppTypes`);
  return policy;
}

/** `GET /users/{upn}`: the user, or null when Graph answered 404. */
export function entraUser(tenantId: string, lookup: string, declaredAs: string[], u: GraphObject | null): EntraUser {
  const userId = u === null ? '' : str(u['id']);
  return {
    ...graphBase(tenantId, 'EntraUser', lookup, userId !== '' ? `/users/${userId}` : `/users/${encodeURIComponent(lookup)}`),
    kind: 'EntraUser', tenantId, lookup, declaredAs, exists: u !== null, userId,
    userPrincipalName: u === null ? lookup : str(u['userPrincipalName']), displayName: u === null ? '' : str(u['displayName']),
    accountEnabled: u !== null && u['accountEnabled'] === true, userType: u === null ? '' : str(u['userType']),
  };
}

/** `GET /applications?$filter=appId eq '{appId}'`: the registration, or none. */
export function entraApplication(tenantId: string, appId: string, configuredIn: string[], found: GraphObject | undefined): EntraApplication {
  const objectId = found === undefined ? '' : str(found['id']);
  return {
    ...graphBase(tenantId, 'EntraApplication', found === undefined ? appId : str(found['displayName']) || appId, objectId !== '' ? `/applications/${objectId}` : `/applications(appId='${appId}')`),
    kind: 'EntraApplication', tenantId, appId, configuredIn, registered: found !== undefined, objectId,
    displayName: found === undefined ? '' : str(found['displayName']), signInAudience: found === undefined ? '' : str(found['signInAudience']),
  };
}

/** A `userRegistrationDetails` entry (or, for a roster user the report does not list, an empty one the collector marks unknown). */
export function userRegistration(tenantId: string, upn: string, r: GraphObject | undefined): EntraUserRegistration {
  const userId = r === undefined ? '' : str(r['id']);
  const g = r ?? {};
  return {
    ...graphBase(tenantId, 'EntraUserRegistration', str(g['userPrincipalName']) || upn, `/reports/authenticationMethods/userRegistrationDetails/${userId || encodeURIComponent(upn)}`),
    kind: 'EntraUserRegistration', tenantId, userId, userPrincipalName: str(g['userPrincipalName']) || upn,
    userDisplayName: str(g['userDisplayName']), userType: str(g['userType']), isAdmin: g['isAdmin'] === true,
    isMfaRegistered: g['isMfaRegistered'] === true, isMfaCapable: g['isMfaCapable'] === true, isPasswordlessCapable: g['isPasswordlessCapable'] === true,
    methodsRegistered: strs(g['methodsRegistered']), lastUpdatedDateTime: str(g['lastUpdatedDateTime']),
  };
}
