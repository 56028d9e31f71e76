// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
} from "./chunk-22WTQRQ3.mjs";
import "./chunk-J2PLCBFU.mjs";
import "./chunk-YXAID3U6.mjs";
import "./chunk-2VD4TAJ7.mjs";
import "./chunk-NG5CMEQM.mjs";
export {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
};
