// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
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
} from "./chunk-DICZ7VKL.mjs";
import "./chunk-NG5CMEQM.mjs";
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
