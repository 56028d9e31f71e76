/**
 * A local server standing in for the GitHub REST API's issue comments, as the Action's sticky
 * comment uses them: `GET /repos/{o}/{r}/issues/{n}/comments?per_page&page` (paged, with a `Link`
 * header as GitHub sends it), `POST /repos/{o}/{r}/issues/{n}/comments`, `PATCH
 * /repos/{o}/{r}/issues/comments/{id}`. Bearer-token auth (401 otherwise); `forbidden` answers 403
 * with GitHub's "Resource not accessible by integration", as for a token without
 * `pull-requests: write`. Every request is recorded.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IssueComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
}

export interface RecordedGitHubRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string;
  body: string;
}

export interface FakeGitHub {
  url: string;
  /** Comments by "owner/repo#number". */
  comments: Map<string, IssueComment[]>;
  requests: RecordedGitHubRequest[];
  close(): Promise<void>;
}

export interface FakeGitHubOptions {
  token: string;
  comments?: Record<string, Omit<IssueComment, 'html_url'>[]>;
  /** Answer every request 403, as GitHub does for a token without the permission. */
  forbidden?: boolean;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startGitHubApi(opts: FakeGitHubOptions): Promise<FakeGitHub> {
  const requests: RecordedGitHubRequest[] = [];
  const html = (key: string, id: number): string => `https://github.com/${key.replace('#', '/pull/')}#issuecomment-${id}`;
  const comments = new Map(Object.entries(opts.comments ?? {}).map(([k, list]) => [k, list.map((c) => ({ ...c, html_url: html(k, c.id) }))]));
  let nextId = 9000;
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = await bodyOf(req);
      const authorization = req.headers.authorization ?? '';
      requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), authorization, body });
      const send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(data));
      };
      if (authorization !== `Bearer ${opts.token}`) return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
      if (opts.forbidden) {
        return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment', status: '403' });
      }
      const list = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/);
      const one = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/);
      if (list && req.method === 'GET') {
        const key = `${list[1]}/${list[2]}#${list[3]}`;
        const all = comments.get(key) ?? [];
        const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
        const page = Number(url.searchParams.get('page') ?? 1);
        const slice = all.slice((page - 1) * perPage, page * perPage);
        const last = Math.max(1, Math.ceil(all.length / perPage));
        const link = (p: number, rel: string): string => `<http://${req.headers.host}${url.pathname}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
        const links = page < last ? [link(page + 1, 'next'), link(last, 'last')] : [];
        return send(200, slice, links.length > 0 ? { link: links.join(', ') } : {});
      }
      if (list && req.method === 'POST') {
        const key = `${list[1]}/${list[2]}#${list[3]}`;
        const created: IssueComment = { id: nextId++, body: (JSON.parse(body) as { body: string }).body, user: { login: 'github-actions[bot]', type: 'Bot' }, html_url: '' };
        created.html_url = html(key, created.id);
        comments.set(key, [...(comments.get(key) ?? []), created]);
        return send(201, created);
      }
      if (one && req.method === 'PATCH') {
        for (const list2 of comments.values()) {
          const c = list2.find((x) => x.id === Number(one[3]));
          // The token is github-actions[bot]'s: GitHub refuses to edit anyone else's comment.
          if (c && c.user.login !== 'github-actions[bot]') return send(403, { message: 'Resource not accessible by integration', status: '403' });
          if (c) {
            c.body = (JSON.parse(body) as { body: string }).body;
            return send(200, c);
          }
        }
        return send(404, { message: 'Not Found' });
      }
      return send(404, { message: 'Not Found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    comments,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
