// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);

// package.json
var package_default = {
  name: "oobguard",
  version: "0.1.0",
  description: "Policy-as-code compliance scanner for Mattermost out-of-band (OOB) incident-communication environments",
  type: "module",
  license: "Apache-2.0",
  engines: {
    node: ">=22.18"
  },
  bin: {
    oobguard: "bin/oobguard.js"
  },
  scripts: {
    start: 'node bin/oobguard.js scan examples/insecure || echo "(exit code $? \u2014 the insecure example is meant to fail; try: npx oobguard scan examples/hardened)"',
    test: "vitest run",
    typecheck: "tsc --noEmit -p .",
    bench: "node bench/run.ts",
    "bench:live": "node bench/live.ts",
    docs: "node scripts/gen-docs.ts",
    build: "node scripts/build.ts",
    "prepare-commit": "npm run docs && npm run schemas && npm run build",
    schemas: "node scripts/gen-schemas.ts"
  },
  dependencies: {
    "@aws-sdk/client-cloudtrail": "^3.1137.0",
    "@aws-sdk/client-ec2": "^3.1169.0",
    "@aws-sdk/client-eks": "^3.1169.0",
    "@aws-sdk/client-iam": "^3.1169.0",
    "@aws-sdk/client-kms": "^3.1162.0",
    "@aws-sdk/client-organizations": "^3.1169.0",
    "@aws-sdk/client-rds": "^3.1169.0",
    "@aws-sdk/client-route-53": "^3.1169.0",
    "@aws-sdk/client-s3": "^3.1169.0",
    "@aws-sdk/client-sts": "^3.1169.0",
    "@aws-sdk/credential-providers": "^3.1169.0",
    "@azure/arm-authorization": "^9.0.0",
    "@azure/arm-containerservice": "^25.5.0",
    "@azure/arm-dns": "^5.1.0",
    "@azure/arm-keyvault": "^5.0.0",
    "@azure/arm-monitor": "^8.0.0",
    "@azure/arm-msi": "^2.2.0",
    "@azure/arm-postgresql-flexible": "^9.0.0",
    "@azure/arm-resources": "^8.0.0",
    "@azure/arm-storage": "^21.0.0",
    "@azure/arm-trafficmanager": "^6.1.0",
    "@azure/core-rest-pipeline": "^1.25.0",
    "@azure/identity": "^4.14.1",
    "@cdktf/hcl2json": "^0.21.0",
    "@kubernetes/client-node": "^2.0.1",
    "@marcbachmann/cel-js": "^8.0.0",
    "@smithy/core": "^3.41.0",
    ajv: "^8.20.0",
    "ajv-draft-04": "^1.0.0",
    "js-yaml": "^5.5.0",
    picomatch: "^4.0.7",
    yaml: "^2.9.1"
  },
  devDependencies: {
    "@microsoft/sarif-multitool": "^5.7.0",
    "@types/js-yaml": "^4.0.9",
    "@types/node": "^26.6.6",
    "@types/picomatch": "^4.0.3",
    esbuild: "^0.28.2",
    "ts-json-schema-generator": "^2.9.0",
    typescript: "^7.0.2",
    vitest: "^5.1.1"
  },
  files: [
    "bin",
    "dist/oobguard.mjs",
    "dist/chunks",
    "src",
    "reporters",
    "rules",
    "schemas",
    "README.md"
  ]
};

// src/version.ts
var VERSION = package_default.version;
var INFORMATION_URI = "https://github.com/oobguard/oobguard";

export {
  VERSION,
  INFORMATION_URI
};
