// oobguard-bundle-sources: 31f50cbc9808f4eb4fa90dcec44121b6a7d6314f5d6df1796db7496d045614ad
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
} from "./chunk-JA3IO2F7.mjs";
import "./chunk-RROWPJYC.mjs";
import "./chunk-E4AJGABV.mjs";
import "./chunk-YAJPOEKP.mjs";
import "./chunk-GZCXKAMK.mjs";
export {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
};
