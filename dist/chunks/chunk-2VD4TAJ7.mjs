// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);

// src/model/provenance.ts
function setUnknown(o, paths, reason) {
  for (const p of typeof paths === "string" ? [paths] : paths) (o.unknown ??= {})[p] = reason;
}
function joinPath(base, ...segments) {
  let out = base;
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (s === "") continue;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
function splitPath(path) {
  const out = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== void 0) out.push(m[1]);
    else if (m[2] !== void 0) out.push(Number(m[2]));
    else if (m[3] !== void 0) out.push(JSON.parse(m[3]));
  }
  return out;
}

export {
  setUnknown,
  joinPath,
  splitPath
};
