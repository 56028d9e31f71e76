// oobguard-bundle-sources: fb50fe4b8000af5000ac3bac7ec4336104ff7041f8582f974d668df0845ed3a5
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
} from "./chunk-TSZAJKMV.mjs";
import "./chunk-VP7HVCJ3.mjs";
import "./chunk-HKD7MY33.mjs";
import "./chunk-Q7WWMPJR.mjs";
import "./chunk-VAUW32TZ.mjs";
export {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
};
