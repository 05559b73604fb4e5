/**
 * A small client for the Admin API of unleash-server 7.x: JSON over fetch
 * with an admin token in the `Authorization` header.
 */

export class UnleashAdminError extends Error {
  override name = 'UnleashAdminError';

  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    detail: string,
  ) {
    super(`Unleash Admin API ${method} ${path} failed with HTTP ${status}: ${detail}`);
  }
}

export interface AdminResponse<T> {
  status: number;
  body: T | null;
}

export class UnleashAdmin {
  /**
   * @param apiUrl Unleash API base, `http://host:4242/api/`.
   * @param timeoutMs Per request; default 10,000.
   */
  constructor(
    private readonly apiUrl: string,
    private readonly adminToken: string,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Sends one request; a status outside 2xx and `allowedStatuses` throws UnleashAdminError. */
  async request<T>(method: string, path: string, body?: unknown, allowedStatuses: number[] = []): Promise<AdminResponse<T>> {
    const url = new URL(`admin/${path}`, this.apiUrl.endsWith('/') ? this.apiUrl : `${this.apiUrl}/`);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { Authorization: this.adminToken, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new UnleashAdminError(method, path, 0, `no response from ${url.origin} (${(error as Error).message})`);
    }

    const text = await response.text();
    if (!response.ok && !allowedStatuses.includes(response.status)) {
      throw new UnleashAdminError(method, path, response.status, text.slice(0, 500) || response.statusText);
    }
    return { status: response.status, body: text ? (JSON.parse(text) as T) : null };
  }

  async get<T>(path: string): Promise<T | null> {
    const response = await this.request<T>('GET', path, undefined, [404]);
    return response.status === 404 ? null : response.body;
  }
}
