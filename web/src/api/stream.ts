// Server streaming over the JSON API. ASP.NET Core gRPC JSON transcoding answers a server-streaming call
// with one chunked `application/json` response in which every message is a complete JSON object followed
// by a newline (NDJSON). Response headers only go out with the first message. An error after the first
// message arrives as a final google.rpc.Status object ({code, message, details}) in the same framing.
//
// The splitter below does not depend on the newlines: it cuts complete top-level JSON objects out of the
// text, skipping whitespace, commas and brackets between them, so it also copes with messages split
// across chunks, several messages in one chunk, or an array framing.

import { ApiError, authHeaders, buildUrl } from './http';

export class JsonObjectSplitter {
  private buffer = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;
  private scanned = 0;

  /** Adds text and returns every object completed by it. */
  push(text: string): unknown[] {
    this.buffer += text;
    const out: unknown[] = [];
    for (let i = this.scanned; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (this.depth === 0) {
        if (c === '{') {
          this.depth = 1;
          this.start = i;
        }
        // anything else between objects (whitespace, ',', '[', ']') is framing
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
        continue;
      }
      if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') this.depth++;
      else if (c === '}' || c === ']') {
        this.depth--;
        if (this.depth === 0) {
          out.push(JSON.parse(this.buffer.slice(this.start, i + 1)));
          this.start = -1;
        }
      }
    }
    // keep only the unfinished object
    if (this.depth === 0) {
      this.buffer = '';
      this.scanned = 0;
    } else {
      this.buffer = this.buffer.slice(this.start);
      this.scanned = this.buffer.length;
      this.start = 0;
    }
    return out;
  }
}

export type StreamStatus =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'open' }
  | { kind: 'waiting'; retryInMs: number; error?: ApiError }
  | { kind: 'stopped'; error: ApiError };

export interface StreamOptions<T> {
  path: string;
  /** Query parameters for each (re)connect; called every time so it can carry the latest resume token. */
  query: () => Record<string, string | undefined>;
  onMessage: (message: T) => void;
  onStatus: (status: StreamStatus) => void;
  /** Reconnect when nothing (not even a heartbeat) arrived for this long. */
  idleTimeoutMs?: number;
  /** Errors after which retrying cannot help (e.g. 401/403/400). */
  isFatal?: (error: ApiError) => boolean;
}

export interface StreamHandle {
  stop(): void;
  /** Reconnects now instead of waiting for the backoff. */
  retryNow(): void;
}

const defaultFatal = (error: ApiError) => [400, 401, 403, 404].includes(error.status) || [3, 5, 7, 16].includes(error.code ?? -1);

/** Keeps a server stream open: reconnects with exponential backoff (1 s … 30 s, with jitter) when it ends or fails. */
export function keepStreaming<T>(options: StreamOptions<T>): StreamHandle {
  const idleTimeout = options.idleTimeoutMs ?? 50_000;
  const isFatal = options.isFatal ?? defaultFatal;
  let stopped = false;
  let controller: AbortController | null = null;
  let wakeUp: (() => void) | null = null;
  let failures = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });

  async function once(): Promise<void> {
    controller = new AbortController();
    const current = controller;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    const armIdle = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => current.abort(new DOMException('idle', 'TimeoutError')), idleTimeout);
    };
    armIdle();
    try {
      let response: Response;
      try {
        response = await fetch(buildUrl(options.path, options.query()), {
          headers: authHeaders(true),
          cache: 'no-store',
          signal: current.signal,
        });
      } catch (error) {
        throw stopped ? error : ApiError.network(error);
      }
      if (!response.ok) throw await ApiError.fromResponse(response);
      if (!response.body) throw new ApiError('No response body', response.status, undefined);
      options.onStatus({ kind: 'open' });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const splitter = new JsonObjectSplitter();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        armIdle();
        for (const message of splitter.push(decoder.decode(value, { stream: true }))) {
          const record = message as Record<string, unknown>;
          if (typeof record.code === 'number' && typeof record.message === 'string' && !('offer' in record) && !('heartbeat' in record)) {
            throw ApiError.fromBody(200, record, record.message);
          }
          failures = 0;
          options.onMessage(message as T);
        }
      }
    } finally {
      clearTimeout(idleTimer);
    }
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      options.onStatus({ kind: 'connecting', attempt: failures + 1 });
      let error: ApiError | undefined;
      try {
        await once();
      } catch (caught) {
        if (stopped) return;
        error = caught instanceof ApiError ? caught : ApiError.network(caught);
        if (isFatal(error)) {
          options.onStatus({ kind: 'stopped', error });
          return;
        }
      }
      if (stopped) return;
      failures += 1;
      const base = Math.min(30_000, 1000 * 2 ** Math.min(failures - 1, 5));
      const retryInMs = Math.round(base * (0.75 + Math.random() * 0.5));
      options.onStatus(error ? { kind: 'waiting', retryInMs, error } : { kind: 'waiting', retryInMs });
      await sleep(retryInMs);
    }
  }

  void loop();
  return {
    stop() {
      stopped = true;
      controller?.abort();
      wakeUp?.();
    },
    retryNow() {
      wakeUp?.();
    },
  };
}
