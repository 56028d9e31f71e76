// oobguard-bundle-sources: 595a25b1f390da5a6e91e4f48ad931727e3004727bffb1958182b0909747d776
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
} from "./chunk-EYKDTUAM.mjs";
import "./chunk-O4WSPUM6.mjs";
import "./chunk-3XIIRT4X.mjs";
import "./chunk-T6PJJSPM.mjs";
import "./chunk-MSU4MUEJ.mjs";
export {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
};
