// oobguard-bundle-sources: 31f50cbc9808f4eb4fa90dcec44121b6a7d6314f5d6df1796db7496d045614ad
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
} from "./chunk-GSPJ2RFG.mjs";
import "./chunk-GZCXKAMK.mjs";
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
