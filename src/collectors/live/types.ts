/**
 * What a live collector (Kubernetes API, Mattermost API, later AWS and Azure) hands over: objects
 * in the same shapes the file collectors read (so the same normalizers and rules apply), and an
 * honest account of what could not be read.
 */
import type { JsonObject } from '../../model/k8s.ts';
import type { SourceRef } from '../../model/provenance.ts';
import type { SourceCoverage } from '../../model/snapshot.ts';

export interface LiveDocument {
  /** A Kubernetes object exactly as the API returns it (apiVersion/kind filled in for list items). */
  doc: JsonObject;
  /** `{ file: "oobguard-live/kubernetes/<context>", line: 1, ref: "<Kind>/<namespace>/<name>" }` */
  source: SourceRef;
}

export interface LiveResult {
  documents: LiveDocument[];
  /** Effective Mattermost configurations read from a server (`GET /api/v4/config`, sanitized). */
  /** `envKeys`: keys the live server reports as set by its environment (layer "env"). */
  mattermostConfigs: { config: JsonObject; source: SourceRef; installation?: string; envKeys?: string[] }[];
  coverage: SourceCoverage;
}
