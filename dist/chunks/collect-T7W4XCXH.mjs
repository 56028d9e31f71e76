// oobguard-bundle-sources: 1f5098db6b501ce4b61e6b1cf1652dad4ced5b8fb52d44b4020cb2ab76c3a57d
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
} from "./chunk-WE5VJGRD.mjs";
import "./chunk-4YKACDOF.mjs";
import "./chunk-GNACNU6T.mjs";
import "./chunk-GHAW2H7G.mjs";
import "./chunk-ALLNKFIO.mjs";
export {
  MATTERMOST_COLLECTIONS,
  collectMattermost,
  parseMattermostUrl
};
