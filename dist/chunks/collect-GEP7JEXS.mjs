// oobguard-bundle-sources: 0d7aaa3d7d83ef49717c337abe4db19c7b8245e62a0b229fb378d159389a8705
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
} from "./chunk-I4G5LW66.mjs";
import "./chunk-HOWZ6WVY.mjs";
import "./chunk-CC473ZB6.mjs";
import "./chunk-D37ZS2V6.mjs";
import "./chunk-HJBB2JQ5.mjs";
export {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
};
