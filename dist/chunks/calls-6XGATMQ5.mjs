// oobguard-bundle-sources: 78357e6ccc7c18a076a21195e739baadfaf8c258f7622665bbfacddea6061f5c
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
} from "./chunk-ELVTFYFB.mjs";
import "./chunk-MPSBZ2ZN.mjs";
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
