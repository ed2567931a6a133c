/**
 * The few W3C WebDriver commands the WebKit tests need, over plain HTTP (`fetch`). WebKitGTK's
 * `WebKitWebDriver` speaks only this classic protocol, and a client library would add a dependency tree
 * for a dozen one-line requests. https://www.w3.org/TR/webdriver2/
 */

/** What `performActions` takes: one input source (a pointer, keys) and its ticks. */
export interface ActionSource {
  type: 'pointer' | 'key' | 'none';
  id: string;
  parameters?: { pointerType: 'mouse' | 'pen' | 'touch' };
  actions: Record<string, unknown>[];
}

/** The W3C key under which an element reference is returned and passed. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export type ElementRef = { [ELEMENT]: string };

class WebDriverError extends Error {}
/** The driver did not answer in time (as opposed to answering with an error). */
export class WebDriverNoAnswer extends WebDriverError {}

export class WebDriverSession {
  private constructor(
    private readonly endpoint: string,
    readonly id: string,
    readonly capabilities: Record<string, unknown>,
  ) {}

  /** A new session (a new browser window); `timeoutMs` bounds the wait for the browser to start. */
  static async create(endpoint: string, alwaysMatch: Record<string, unknown>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<WebDriverSession> {
    const value = (await request(endpoint, 'POST', '/session', { capabilities: { alwaysMatch } }, timeoutMs)) as { sessionId: string; capabilities: Record<string, unknown> };
    return new WebDriverSession(endpoint, value.sessionId, value.capabilities);
  }

  private command(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    return request(this.endpoint, method, `/session/${this.id}${path}`, body);
  }

  async navigate(url: string): Promise<void> {
    await this.command('POST', '/url', { url });
  }

  /** Runs `body` (a function body: `arguments[i]`, `return …`) in the page; awaits a returned promise. */
  execute<T>(body: string, args: unknown[] = []): Promise<T> {
    return this.command('POST', '/execute/sync', { script: body, args }) as Promise<T>;
  }

  async setTimeouts(t: { script?: number; pageLoad?: number; implicit?: number }): Promise<void> {
    await this.command('POST', '/timeouts', t);
  }

  async find(css: string): Promise<ElementRef> {
    return (await this.command('POST', '/element', { using: 'css selector', value: css })) as ElementRef;
  }

  async click(css: string): Promise<void> {
    const el = await this.find(css);
    await this.command('POST', `/element/${el[ELEMENT]}/click`, {});
  }

  async performActions(actions: ActionSource[]): Promise<void> {
    await this.command('POST', '/actions', { actions });
    await this.command('DELETE', '/actions');
  }

  /** The viewport as a PNG. */
  async screenshot(): Promise<Buffer> {
    return Buffer.from((await this.command('GET', '/screenshot')) as string, 'base64');
  }

  async setWindowSize(width: number, height: number): Promise<void> {
    await this.command('POST', '/window/rect', { width, height });
  }

  async close(): Promise<void> {
    await this.command('DELETE', '').catch(() => undefined);
  }
}

/** Longer than the timeouts a session sets (engine-webkit.ts: 120 s): a command that hangs names itself. */
const REQUEST_TIMEOUT_MS = 180_000;

async function request(endpoint: string, method: string, path: string, body?: unknown, timeoutMs = REQUEST_TIMEOUT_MS): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${endpoint}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new WebDriverNoAnswer(`WebDriver ${method} ${path} got no answer from ${endpoint}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const json = (await res.json().catch(() => ({}))) as { value?: { error?: string; message?: string } & Record<string, unknown> };
  if (!res.ok) {
    const v = json.value ?? {};
    throw new WebDriverError(`WebDriver ${method} ${path} failed: ${v.error ?? `HTTP ${res.status}`}: ${v.message ?? ''}`.trim());
  }
  return json.value;
}
