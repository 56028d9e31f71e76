// oobguard-bundle-sources: 1f5ba1853d8bd1df63fa0f143279c7b2a8318b6981979b9ba0cdd59f0bac9f85
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  Gate,
  call,
  callOrAbsent,
  describeError,
  errorParts,
  gated,
  mapBounded,
  paged,
  pagedUpTo,
  withGate
} from "./chunk-2S7NH3UM.mjs";
import "./chunk-FYS44HEJ.mjs";
export {
  Gate,
  call,
  callOrAbsent,
  describeError,
  errorParts,
  gated,
  mapBounded,
  paged,
  pagedUpTo,
  withGate
};
