/**
 * Following a paged list's next-page links, for every live client that pages by link: Microsoft
 * Graph's `@odata.nextLink`, ARM's `nextLink` read by path, and the ARM SDKs' paged iterators
 * (whose continuation token is the `nextLink`, checked here before the SDK asks for the page).
 *
 * A link is followed only while it stays on the endpoint the list was asked of, so the client's
 * bearer token is never sent to another host; a page is never asked twice (a server linking back
 * would hold the list, and its slot in the gate, forever); and a list longer than `maxPages`
 * pages stops. Each refusal throws a `PagingError` — the call fails, and its collection is a
 * coverage gap saying why.
 */

/** Pages one list may have: 10 000 pages (of 100 to 1 000 items) is a server that never ends, not a tenant. */
export const MAX_PAGES = 10_000;

export type PagingErrorCode = 'UnexpectedNextLink' | 'RepeatedNextLink' | 'TooManyPages';

/** A next-page link refused; `code` names why, the message says it for a report (no token, no query string). */
export class PagingError extends Error {
  readonly code: PagingErrorCode;
  constructor(code: PagingErrorCode, message: string) {
    super(message);
    this.name = 'PagingError';
    this.code = code;
  }
}

/** The next-page links of one list, each checked before it is followed. */
export class NextLinks {
  private readonly origin: string;
  private readonly maxPages: number;
  private readonly seen = new Set<string>();
  /** Pages asked for so far (the first one included). */
  private pages = 1;

  /** `endpoint`: where the list was asked (its origin is the only one followed). */
  constructor(endpoint: string, maxPages = MAX_PAGES) {
    this.origin = new URL(endpoint).origin;
    this.maxPages = Math.max(1, maxPages);
  }

  /** Remember the first page's URL (absolute, or relative to the endpoint), so a link back to it is a repeat. */
  first(url: string): void {
    if (URL.canParse(url, this.origin)) this.seen.add(new URL(url, this.origin).href);
  }

  /**
   * The link a page gave → the absolute URL of the next page, or undefined when the list is done
   * (no link, null or ""). Throws a PagingError for a link that is not a URL, leaves the
   * endpoint, repeats a page, or goes past `maxPages`.
   */
  next(link: unknown): string | undefined {
    if (link === undefined || link === null || link === '') return undefined;
    if (typeof link !== 'string' || !URL.canParse(link, this.origin)) {
      throw new PagingError('UnexpectedNextLink', `a next-page link is not a URL (${typeof link}); not followed`);
    }
    const url = new URL(link, this.origin);
    if (url.origin !== this.origin) {
      throw new PagingError('UnexpectedNextLink', `a next-page link leaves the endpoint ${this.origin} for ${url.origin}; not followed, and no token sent there`);
    }
    if (this.seen.has(url.href)) throw new PagingError('RepeatedNextLink', 'a next-page link repeats a page already read; not followed');
    if (this.pages >= this.maxPages) throw new PagingError('TooManyPages', `the list has more than ${this.maxPages} pages; stopped there`);
    this.seen.add(url.href);
    this.pages++;
    return url.href;
  }
}
