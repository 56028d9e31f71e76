// oobguard-bundle-sources: 94210b9609300706b7da2e4791754fa87b9bcc4d88f3eebc8780caa080ec1318
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
} from "./chunk-6S5RAAVL.mjs";
import "./chunk-WMERB5PO.mjs";
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
