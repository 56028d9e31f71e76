/**
 * The fast block-YAML locator must agree with the full `yaml` parser on every path it answers,
 * and must answer for the ordinary shapes Helm and Kustomize emit (else it is not fast).
 */
import { readFile } from 'node:fs/promises';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/generate.ts';
import { splitDocuments } from '../src/collectors/yaml-docs.ts';
import { locateBlock } from '../src/locate-block.ts';
import { locateInYaml, parseYamlDoc } from '../src/locate.ts';

type Seg = string | number;

function allPaths(v: unknown, prefix: Seg[] = [], out: Seg[][] = []): Seg[][] {
  out.push(prefix);
  if (prefix.length >= 10) return out;
  if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, [...prefix, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) allPaths(x, [...prefix, k], out);
  return out;
}

function compare(text: string): { answered: number; total: number; mismatches: string[] } {
  let answered = 0;
  let total = 0;
  const mismatches: string[] = [];
  for (const d of splitDocuments(text)) {
    const doc = parseYamlDoc(text.slice(d.start, d.end));
    if (!doc) continue;
    const paths = allPaths(doc.toJS()).filter((p) => p.length > 0);
    // Paths that do not exist: the nearest ancestor must be reported.
    for (const p of paths.slice(0, 20)) paths.push([...p, 'no-such-key'], [...p, 99]);
    for (const segs of paths) {
      total++;
      const want = locateInYaml(doc, segs);
      const got = locateBlock(text, d.start, d.end, segs);
      if (got === null || want === null) continue;
      answered++;
      if (got.offset - d.start !== want.start || got.depth !== want.walked.length) {
        mismatches.push(`${JSON.stringify(segs)}: block ${got.offset - d.start}/${got.depth}, yaml ${want.start}/${want.walked.length}`);
      }
    }
  }
  return { answered, total, mismatches };
}

const tricky = `# Source: chart/templates/deploy.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: "quoted-name"
  annotations:
    'single.quoted/key': "v"
    "double.quoted/key": v # comment
    plain.dotted/key-with-dash: v
spec:
  template:
    spec:
      containers:
      - name: compact
        args:
        - --flag=1
        -   --spaced
        securityContext: {privileged: true}
      -
        name: next-line
        image: x
      - name: block-scalar
        command:
          - /bin/sh
          - -c
          - |
            echo "key: not-a-key"
            containers: nope
        env: []
      volumes:
        - name: a
          emptyDir: {}
  strategy:
    type: RollingUpdate
---
apiVersion: v1
kind: ConfigMap
metadata: {name: flow, namespace: x}
data:
  config.json: |
    {"ServiceSettings": {"SiteURL": "x"}}
---
apiVersion: v1
kind: Service
metadata:
  name: anchors
  labels: &l {app: a}
spec:
  selector: *l
`;

describe('block locator', () => {
  it('agrees with the yaml parser on tricky but valid block YAML (declining flow collections, anchors and aliases)', () => {
    const r = compare(tricky);
    expect(r.mismatches).toEqual([]);
    expect(r.answered).toBeGreaterThan(40);
  });

  it('agrees with the yaml parser on the examples and answers nearly every path there', async () => {
    const files: string[] = [];
    for (const dir of ['examples/hardened/manifests', 'examples/insecure/manifests']) {
      for (const f of await readdir(dir)) files.push(path.join(dir, f));
    }
    let answered = 0;
    let total = 0;
    for (const f of files) {
      const r = compare(await readFile(f, 'utf8'));
      expect(r.mismatches, f).toEqual([]);
      answered += r.answered;
      total += r.total;
    }
    expect(answered / total).toBeGreaterThan(0.75);
  });

  it('agrees with the yaml parser on the generated benchmark corpus', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'oobguard-locate-'));
    try {
      await generateCorpus(dir, { documents: 600, files: 30 });
      let answered = 0;
      let total = 0;
      for (const sub of await readdir(dir)) {
        for (const f of await readdir(path.join(dir, sub))) {
          const r = compare(await readFile(path.join(dir, sub, f), 'utf8'));
          expect(r.mismatches, f).toEqual([]);
          answered += r.answered;
          total += r.total;
        }
      }
      expect(answered / total).toBeGreaterThan(0.6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
