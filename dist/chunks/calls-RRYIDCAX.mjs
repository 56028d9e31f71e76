// oobguard-bundle-sources: 1f5098db6b501ce4b61e6b1cf1652dad4ced5b8fb52d44b4020cb2ab76c3a57d
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
} from "./chunk-MT4UGZVG.mjs";
import "./chunk-ALLNKFIO.mjs";
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
