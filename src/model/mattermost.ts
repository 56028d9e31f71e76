/**
 * The effective Mattermost configuration: shipped defaults ⊕ stored config (config.json) ⊕
 * `MM_<SECTION>_<KEY>` environment overrides. Secret values never enter the model: they are
 * replaced by REDACTED and described in `secrets` (set / length / shipped default).
 */
import type { ConfigValue } from './mattermost/defaults.ts';
import type { DsnInfo } from './k8s.ts';
import type { ModelObject } from './provenance.ts';

export const REDACTED = '<redacted>';

export interface SecretFacts {
  set: boolean;
  length: number;
  /** Equal to the value Mattermost ships (a well-known default). */
  isShippedDefault: boolean;
}

export type ConfigLayer = 'default' | 'file' | 'env';

export interface MattermostConfig extends ModelObject {
  kind: 'MattermostConfig';
  /** Namespace of the installation ("" for a standalone config.json). */
  namespace: string;
  /** Model id of the installation (Mattermost CR or Deployment) this config belongs to, if any. */
  installation: string | null;
  /** Effective settings: Section → Key → value. */
  settings: Record<string, Record<string, ConfigValue>>;
  /** `Section.Key` → which layer set it. Keys absent here come from defaults. */
  layers: Record<string, ConfigLayer>;
  /** Whether a stored config (config.json / ConfigMap) was among the inputs. */
  storedConfigKnown: boolean;
  /** Defaults applied as for an upgraded config (stored config has ServiceSettings.SiteURL). */
  isUpdate: boolean;
  /** Facts about secret-bearing keys (`SqlSettings.AtRestEncryptKey` …), never their values. */
  secrets: Record<string, SecretFacts>;
  /** Parsed `SqlSettings.DataSource` and replicas (password never kept). */
  dataSources: DsnInfo[];
  /** `ENV_NAME` of each MM_* override that could not be resolved (valueFrom to a missing Secret). */
  unresolvedEnv: string[];
}
