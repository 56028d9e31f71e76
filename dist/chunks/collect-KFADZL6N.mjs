// oobguard-bundle-sources: ffc6bc12dc8040cc95a6cf5bfb2b947af926364054600f5912a2de071c3f95c8
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
} from "./chunk-63K5HFNZ.mjs";
import "./chunk-5PYUAUCS.mjs";
import "./chunk-D54BMRR7.mjs";
import "./chunk-HL6JJ45K.mjs";
import "./chunk-VE2LBOK7.mjs";
export {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
};
