/**
 * The one sticky pull-request comment of the oobguard Action, through the GitHub REST API.
 *
 * The comment carries a hidden HTML marker. Each run pages through the pull request's comments
 * (`GET /repos/{owner}/{repo}/issues/{number}/comments?per_page=100&page=N`, following the `Link`
 * header or stopping at a short page), updates the comment that holds the marker (`PATCH
 * /repos/{owner}/{repo}/issues/comments/{id}`) or creates one (`POST …/issues/{number}/comments`).
 * Anyone can paste the marker: a bot's comment (the Action's token is `github-actions[bot]` or a
 * GitHub App) is preferred, and a marked comment the token may not edit is left alone and a new
 * one created — never reported as a missing permission.
 *
 * It never throws: a fork's read-only token, a workflow without `pull-requests: write` (401/403/404)
 * or an API failure yields `{ ok: false, why }`, and the Action falls back to the job summary. The
 * token goes only into the Authorization header; nothing here logs or returns it.
 */

export interface CommentTarget {
  /** REST API root, from GITHUB_API_URL (https://api.github.com, or GHES's …/api/v3). */
  apiUrl: string;
  owner: string;
  repo: string;
  pullNumber: number;
  token: string;
}

export type CommentResult =
  | { ok: true; action: 'created' | 'updated'; id: number; url: string }
  | { ok: false; why: string; permission: boolean };

/** Pages read at most (10,000 comments): a guard against an API that never stops paging. */
const MAX_PAGES = 100;
const PER_PAGE = 100;
const TIMEOUT_MS = 30_000;

/** The hidden marker of the sticky comment; one per category, so two scans of a repository keep two comments. */
export function commentMarker(category: string): string {
  return `<!-- oobguard:sticky-comment ${category.replace(/--+/g, '-').replace(/[<>]/g, '')} -->`;
}

interface ApiComment {
  id: number;
  body?: string | null;
  html_url?: string;
  /** `type`: `Bot` for github-actions[bot] and GitHub Apps, `User` for people (and personal tokens). */
  user?: { login?: string; type?: string } | null;
}

class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

async function call(t: CommentTarget, method: string, route: string, body?: unknown): Promise<{ data: unknown; link: string | null }> {
  const url = `${t.apiUrl.replace(/\/+$/, '')}${route}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${t.token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'oobguard-action',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    throw new ApiError(0, `${method} ${route}: no answer from ${new URL(url).host} (${cause})`);
  }
  const text = await res.text();
  if (!res.ok) {
    let message = '';
    try {
      message = String((JSON.parse(text) as { message?: unknown }).message ?? '');
    } catch {
      // not JSON: the status says enough
    }
    throw new ApiError(res.status, `${method} ${route}: HTTP ${res.status}${message ? ` (${message.slice(0, 200)})` : ''}`);
  }
  return { data: text === '' ? null : (JSON.parse(text) as unknown), link: res.headers.get('link') };
}

/** The comment holding the marker — the first a bot wrote, else the first at all — paging through all of them. */
async function findComment(t: CommentTarget, marker: string): Promise<ApiComment | null> {
  let first: ApiComment | null = null;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data, link } = await call(t, 'GET', `/repos/${t.owner}/${t.repo}/issues/${t.pullNumber}/comments?per_page=${PER_PAGE}&page=${page}`);
    const comments = Array.isArray(data) ? (data as ApiComment[]) : [];
    const marked = comments.filter((c) => typeof c.body === 'string' && c.body.includes(marker));
    const byBot = marked.find((c) => c.user?.type === 'Bot');
    if (byBot) return byBot;
    first ??= marked[0] ?? null;
    const hasNext = link !== null ? /rel="next"/.test(link) : comments.length === PER_PAGE;
    if (!hasNext) break;
  }
  return first;
}

async function create(t: CommentTarget, body: string): Promise<CommentResult> {
  const { data } = await call(t, 'POST', `/repos/${t.owner}/${t.repo}/issues/${t.pullNumber}/comments`, { body });
  const created = data as ApiComment;
  return { ok: true, action: 'created', id: created.id, url: created.html_url ?? '' };
}

/** Create or update the sticky comment; `body` must already hold the marker. */
export async function upsertComment(t: CommentTarget, marker: string, body: string): Promise<CommentResult> {
  try {
    const existing = await findComment(t, marker);
    if (!existing) return await create(t, body);
    try {
      const { data } = await call(t, 'PATCH', `/repos/${t.owner}/${t.repo}/issues/comments/${existing.id}`, { body });
      return { ok: true, action: 'updated', id: existing.id, url: (data as ApiComment | null)?.html_url ?? existing.html_url ?? '' };
    } catch (e) {
      // Someone else's comment carrying the marker: not ours to edit. Post our own.
      if (e instanceof ApiError && (e.status === 403 || e.status === 404) && existing.user?.type !== 'Bot') return await create(t, body);
      throw e;
    }
  } catch (e) {
    const status = e instanceof ApiError ? e.status : 0;
    const permission = status === 401 || status === 403 || status === 404;
    return { ok: false, why: (e as Error).message, permission };
  }
}
