// oobguard-bundle-sources: 1f5ba1853d8bd1df63fa0f143279c7b2a8318b6981979b9ba0cdd59f0bac9f85
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
} from "./chunk-DWDZX4BM.mjs";
import "./chunk-T4TC3Z6D.mjs";
import "./chunk-TYCTNCGX.mjs";
import "./chunk-H5PL7PGK.mjs";
import "./chunk-FYS44HEJ.mjs";
export {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
};
