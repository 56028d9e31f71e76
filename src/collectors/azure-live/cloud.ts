/**
 * Azure clouds: the public cloud, the sovereign clouds government OOB deployments use, and a custom
 * cloud (Azure Stack Hub, air-gapped regions) from the environment. A cloud fixes three things for a
 * live scan: the ARM endpoint every request goes to, the token scope (`<endpoint>/.default` — the
 * ARM SDKs otherwise ask for the public cloud's scope whatever the endpoint), and the Entra ID
 * authority host the default credential signs in at — and the Microsoft Graph endpoint the Entra ID
 * reads go to (src/collectors/graph-live), with tokens for `<graph endpoint>/.default`.
 *
 * No dependency here: the CLI resolves a cloud before anything Azure is loaded. The authority hosts
 * are the values of `AzureAuthorityHosts` (`@azure/identity`); a test holds them equal.
 */

export const AZURE_CLOUD_NAMES = ['AzurePublicCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const;
export type AzureCloudName = typeof AZURE_CLOUD_NAMES[number];

export interface AzureCloud {
  /** One of AZURE_CLOUD_NAMES, or `AzureCustomCloud` (from the environment). */
  name: AzureCloudName | 'AzureCustomCloud';
  /** ARM endpoint, no trailing slash. */
  resourceManagerEndpoint: string;
  /** Entra ID authority host for the default credential. */
  authorityHost: string;
  /** Microsoft Graph endpoint ("" when a custom cloud names none). */
  graphEndpoint: string;
  /** The scope ARM tokens are requested for: `<resourceManagerEndpoint>/.default`. */
  tokenScope: string;
}

function cloud(name: AzureCloud['name'], resourceManagerEndpoint: string, authorityHost: string, graphEndpoint: string): AzureCloud {
  return { name, resourceManagerEndpoint, authorityHost, graphEndpoint, tokenScope: `${resourceManagerEndpoint}/.default` };
}

export const AZURE_CLOUDS: Readonly<Record<AzureCloudName, AzureCloud>> = {
  AzurePublicCloud: cloud('AzurePublicCloud', 'https://management.azure.com', 'https://login.microsoftonline.com', 'https://graph.microsoft.com'),
  AzureUSGovernment: cloud('AzureUSGovernment', 'https://management.usgovcloudapi.net', 'https://login.microsoftonline.us', 'https://graph.microsoft.us'),
  AzureChinaCloud: cloud('AzureChinaCloud', 'https://management.chinacloudapi.cn', 'https://login.chinacloudapi.cn', 'https://microsoftgraph.chinacloudapi.cn'),
};

/** The scope Graph tokens are requested for: `<graphEndpoint>/.default` ("" when the cloud names no Graph endpoint). */
export function graphScope(cloud: AzureCloud): string {
  return cloud.graphEndpoint === '' ? '' : `${cloud.graphEndpoint}/.default`;
}

export const CUSTOM_CLOUD_VARIABLES = ['AZURE_RESOURCE_MANAGER_ENDPOINT', 'AZURE_AUTHORITY_HOST', 'AZURE_GRAPH_ENDPOINT'] as const;

export type CloudResolution = { ok: true; cloud: AzureCloud } | { ok: false; error: string };

/** An https URL without path, query or trailing slash; null when it is not one. */
function httpsOrigin(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.search !== '' || u.hash !== '' || u.username !== '' || u.password !== '') return null;
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/**
 * `--azure-cloud <name>` wins; without it a set `AZURE_RESOURCE_MANAGER_ENDPOINT` makes a custom
 * cloud (it then needs `AZURE_AUTHORITY_HOST`; `AZURE_GRAPH_ENDPOINT` is optional); otherwise the
 * public cloud. An unknown name or a malformed custom cloud is an error naming what is valid.
 */
export function resolveAzureCloud(name: string | undefined, env: Readonly<Record<string, string | undefined>>): CloudResolution {
  if (name !== undefined) {
    const known = AZURE_CLOUD_NAMES.find((n) => n.toLowerCase() === name.trim().toLowerCase());
    if (known === undefined) {
      return { ok: false, error: `unknown Azure cloud "${name}": use one of ${AZURE_CLOUD_NAMES.join(', ')}, or no --azure-cloud and a custom cloud through ${CUSTOM_CLOUD_VARIABLES.join(', ')}` };
    }
    return { ok: true, cloud: AZURE_CLOUDS[known] };
  }
  const armRaw = env['AZURE_RESOURCE_MANAGER_ENDPOINT'] ?? '';
  if (armRaw.trim() === '') return { ok: true, cloud: AZURE_CLOUDS.AzurePublicCloud };
  const arm = httpsOrigin(armRaw);
  if (arm === null) return { ok: false, error: `AZURE_RESOURCE_MANAGER_ENDPOINT must be an https URL (got "${armRaw}")` };
  const authRaw = env['AZURE_AUTHORITY_HOST'] ?? '';
  if (authRaw.trim() === '') return { ok: false, error: 'a custom Azure cloud (AZURE_RESOURCE_MANAGER_ENDPOINT) also needs AZURE_AUTHORITY_HOST, the Entra ID authority host of that cloud' };
  const auth = httpsOrigin(authRaw);
  if (auth === null) return { ok: false, error: `AZURE_AUTHORITY_HOST must be an https URL (got "${authRaw}")` };
  const graphRaw = env['AZURE_GRAPH_ENDPOINT'] ?? '';
  const graph = graphRaw.trim() === '' ? '' : httpsOrigin(graphRaw);
  if (graph === null) return { ok: false, error: `AZURE_GRAPH_ENDPOINT must be an https URL (got "${graphRaw}")` };
  return { ok: true, cloud: cloud('AzureCustomCloud', arm, auth, graph) };
}
