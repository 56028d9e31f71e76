// oobguard-bundle-sources: ffc6bc12dc8040cc95a6cf5bfb2b947af926364054600f5912a2de071c3f95c8
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
} from "./chunk-X3TSILZ7.mjs";
import "./chunk-VE2LBOK7.mjs";
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
