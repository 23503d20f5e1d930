/** One HTTP request over loopback, read whole: what the tests assert on. */
export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary JSON from the API; a wrong path fails the assertion, not the type
  json: any;
  text: string;
}

/** The answer to `url`, its body as text and, when it is JSON, parsed. Connections are not kept alive. */
export async function send(url: string, init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await fetch(url, { ...init, headers: { connection: 'close', ...init.headers } });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}
