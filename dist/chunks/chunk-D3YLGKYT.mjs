// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);

// src/collectors/azure-live/cloud.ts
var AZURE_CLOUD_NAMES = ["AzurePublicCloud", "AzureUSGovernment", "AzureChinaCloud"];
function cloud(name, resourceManagerEndpoint, authorityHost, graphEndpoint) {
  return { name, resourceManagerEndpoint, authorityHost, graphEndpoint, tokenScope: `${resourceManagerEndpoint}/.default` };
}
var AZURE_CLOUDS = {
  AzurePublicCloud: cloud("AzurePublicCloud", "https://management.azure.com", "https://login.microsoftonline.com", "https://graph.microsoft.com"),
  AzureUSGovernment: cloud("AzureUSGovernment", "https://management.usgovcloudapi.net", "https://login.microsoftonline.us", "https://graph.microsoft.us"),
  AzureChinaCloud: cloud("AzureChinaCloud", "https://management.chinacloudapi.cn", "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn")
};
function graphScope(cloud2) {
  return cloud2.graphEndpoint === "" ? "" : `${cloud2.graphEndpoint}/.default`;
}
var CUSTOM_CLOUD_VARIABLES = ["AZURE_RESOURCE_MANAGER_ENDPOINT", "AZURE_AUTHORITY_HOST", "AZURE_GRAPH_ENDPOINT"];
function httpsOrigin(raw) {
  let u;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.protocol !== "https:" || u.search !== "" || u.hash !== "" || u.username !== "" || u.password !== "") return null;
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}
function resolveAzureCloud(name, env) {
  if (name !== void 0) {
    const known = AZURE_CLOUD_NAMES.find((n) => n.toLowerCase() === name.trim().toLowerCase());
    if (known === void 0) {
      return { ok: false, error: `unknown Azure cloud "${name}": use one of ${AZURE_CLOUD_NAMES.join(", ")}, or no --azure-cloud and a custom cloud through ${CUSTOM_CLOUD_VARIABLES.join(", ")}` };
    }
    return { ok: true, cloud: AZURE_CLOUDS[known] };
  }
  const armRaw = env["AZURE_RESOURCE_MANAGER_ENDPOINT"] ?? "";
  if (armRaw.trim() === "") return { ok: true, cloud: AZURE_CLOUDS.AzurePublicCloud };
  const arm = httpsOrigin(armRaw);
  if (arm === null) return { ok: false, error: `AZURE_RESOURCE_MANAGER_ENDPOINT must be an https URL (got "${armRaw}")` };
  const authRaw = env["AZURE_AUTHORITY_HOST"] ?? "";
  if (authRaw.trim() === "") return { ok: false, error: "a custom Azure cloud (AZURE_RESOURCE_MANAGER_ENDPOINT) also needs AZURE_AUTHORITY_HOST, the Entra ID authority host of that cloud" };
  const auth = httpsOrigin(authRaw);
  if (auth === null) return { ok: false, error: `AZURE_AUTHORITY_HOST must be an https URL (got "${authRaw}")` };
  const graphRaw = env["AZURE_GRAPH_ENDPOINT"] ?? "";
  const graph = graphRaw.trim() === "" ? "" : httpsOrigin(graphRaw);
  if (graph === null) return { ok: false, error: `AZURE_GRAPH_ENDPOINT must be an https URL (got "${graphRaw}")` };
  return { ok: true, cloud: cloud("AzureCustomCloud", arm, auth, graph) };
}

export {
  AZURE_CLOUDS,
  graphScope,
  resolveAzureCloud
};
