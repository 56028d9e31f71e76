// oobguard-bundle-sources: 94210b9609300706b7da2e4791754fa87b9bcc4d88f3eebc8780caa080ec1318
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
} from "./chunk-JSHB6HB6.mjs";
import "./chunk-5M7675KN.mjs";
import "./chunk-ZWUFJW7Y.mjs";
import "./chunk-K2G3SFD2.mjs";
import "./chunk-WMERB5PO.mjs";
export {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
};
