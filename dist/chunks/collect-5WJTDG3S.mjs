// oobguard-bundle-sources: 78357e6ccc7c18a076a21195e739baadfaf8c258f7622665bbfacddea6061f5c
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
} from "./chunk-VWLZVTZH.mjs";
import "./chunk-5HWNKF5H.mjs";
import "./chunk-QGQZ7POE.mjs";
import "./chunk-64J6O4CG.mjs";
import "./chunk-MPSBZ2ZN.mjs";
export {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
};
